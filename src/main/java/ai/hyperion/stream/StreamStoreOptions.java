package ai.hyperion.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * Deployment settings of response persistence ({@code hyperion.streams.*}; organisations' own
 * persistence mode and retention live in the database).
 *
 * @param store {@code file} (embedded default) or {@code s3}
 * @param filePath the file store's root; empty = {@code <server output dir>/responses}
 * @param s3 the S3 store's bucket and client settings
 * @param encryptionKey AES key (base64 of 16, 24 or 32 bytes) for encryption at rest, or null
 * @param defaultMode the persistence of organisations that set none
 * @param defaultRetentionDays how long entries are kept for organisations that set none
 * @param sweepInterval how often the retention sweeper runs
 * @param drain how long and how much the upstream is read after the client left
 * @param writerThreads threads that write persisted answers to the store
 */
public record StreamStoreOptions(
    String store,
    Path filePath,
    S3 s3,
    byte[] encryptionKey,
    PersistenceMode defaultMode,
    int defaultRetentionDays,
    Duration sweepInterval,
    DrainLimit drain,
    int writerThreads) {

  public static final String PREFIX = "hyperion.streams.";

  /** The S3 store: bucket, key prefix, region, endpoint for S3-compatible stores, credentials. */
  public record S3(
      String bucket,
      String prefix,
      String region,
      String endpoint,
      boolean pathStyle,
      String accessKey,
      String secretKey) {

    @Override
    public String toString() {
      return "S3[bucket=" + bucket + ", endpoint=" + endpoint + ", secretKey=****]";
    }
  }

  @Override
  public String toString() {
    return "StreamStoreOptions[store="
        + store
        + ", s3="
        + s3
        + ", encrypted="
        + (encryptionKey != null)
        + ", defaultMode="
        + defaultMode
        + "]";
  }

  /** The settings of a deployment that sets none (file store, no encryption). */
  public static StreamStoreOptions defaults() {
    return new StreamStoreOptions(
        "file",
        Path.of(
            System.getProperty("server.output.dir", System.getProperty("user.dir", ".")),
            "responses"),
        new S3("hyperion-responses", "responses/", "us-east-1", "", false, "", ""),
        null,
        PersistenceMode.ON_DISCONNECT,
        7,
        Duration.ofMinutes(60),
        new DrainLimit(Duration.ofSeconds(600), 4_000_000L),
        2);
  }

  public static StreamStoreOptions from(Config config) {
    StreamStoreOptions d = defaults();
    String path = string(config, "file.path", "");
    String key = string(config, "encryption-key", "");
    S3 s3 =
        new S3(
            string(config, "s3.bucket", d.s3().bucket()),
            string(config, "s3.prefix", d.s3().prefix()),
            string(config, "s3.region", d.s3().region()),
            string(config, "s3.endpoint", ""),
            config.getOptionalValue(PREFIX + "s3.path-style", Boolean.class).orElse(false),
            string(config, "s3.access-key", ""),
            string(config, "s3.secret-key", ""));
    return new StreamStoreOptions(
        string(config, "store", d.store()).trim().toLowerCase(Locale.ROOT),
        path.isBlank() ? d.filePath() : Path.of(path),
        s3,
        key.isBlank() ? null : Base64.getDecoder().decode(key.trim()),
        PersistenceMode.ofWire(string(config, "default-persistence", d.defaultMode().wire())),
        config
            .getOptionalValue(PREFIX + "default-retention-days", Integer.class)
            .orElse(d.defaultRetentionDays()),
        config
            .getOptionalValue(PREFIX + "sweep-interval-minutes", Integer.class)
            .map(Duration::ofMinutes)
            .orElse(d.sweepInterval()),
        new DrainLimit(
            config
                .getOptionalValue(PREFIX + "drain.max-seconds", Integer.class)
                .map(Duration::ofSeconds)
                .orElse(d.drain().maxDuration()),
            config
                .getOptionalValue(PREFIX + "drain.max-chars", Long.class)
                .orElse(d.drain().maxChars())),
        config
            .getOptionalValue(PREFIX + "writer-threads", Integer.class)
            .orElse(d.writerThreads()));
  }

  private static String string(Config config, String name, String fallback) {
    return config.getOptionalValue(PREFIX + name, String.class).orElse(fallback);
  }
}
