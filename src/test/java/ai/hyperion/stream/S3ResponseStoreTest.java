package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against a real S3 server: S3Proxy with its filesystem backend, started on 127.0.0.1
 * by the test, reached through the production client settings (custom endpoint, path-style
 * addressing, static credentials, SigV4).
 */
class S3ResponseStoreTest extends ResponseStoreContract {

  private static S3Proxy proxy;
  private static S3Client s3;
  private static Path base;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    base = Files.createTempDirectory("s3proxy");
    proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(base.toString()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret")
            .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    s3 =
        S3Clients.create(
            new StreamStoreOptions.S3(
                "unused",
                "",
                "us-east-1",
                "http://127.0.0.1:" + proxy.getPort(),
                true,
                "test-access",
                "test-secret"));
  }

  @AfterAll
  static void stopS3Proxy() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
  }

  @Override
  ResponseStore store() {
    String bucket = "responses-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    return new S3ResponseStore(s3, bucket, "hyperion/");
  }

  @Test
  void objectsLiveUnderThePrefixOrganisationAndRequestId() {
    String bucket = "layout-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    new S3ResponseStore(s3, bucket, "hyperion/").put("org_x", "req_7", Instant.now(), bytes("x"));
    var keys = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
    assertEquals(1, keys.size());
    assertEquals("hyperion/org_x/req_7", keys.get(0).key());
  }

  @Test
  void theSweeperDeletesEntriesPastTheirOrganisationsRetention() {
    ResponseStore store = store();
    store.put("org_short", "req_1", Instant.now(), bytes("a"));
    store.put("org_long", "req_2", Instant.now(), bytes("b"));
    MutableClock clock = new MutableClock(Instant.now());
    RetentionSweeper sweeper =
        new RetentionSweeper(store, RetentionSweeperTest.settings("org_long", 30, 7), clock);

    assertEquals(0, sweeper.sweep());
    clock.advance(Duration.ofDays(8));
    assertEquals(1, sweeper.sweep());
    assertTrue(store.get("org_short", "req_1").isEmpty());
    assertTrue(store.get("org_long", "req_2").isPresent());
  }
}
