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

  public static StreamStoreOptions from(Config config) {
    String path = string(config, "file.path", "");
    Path root =
        path.isBlank()
            ? Path.of(
                System.getProperty("server.output.dir", System.getProperty("user.dir", ".")),
                "responses")
            : Path.of(path);
    String key = string(config, "encryption-key", "");
    S3 s3 =
        new S3(
            string(config, "s3.bucket", "hyperion-responses"),
            string(config, "s3.prefix", "responses/"),
            string(config, "s3.region", "us-east-1"),
            string(config, "s3.endpoint", ""),
            config.getOptionalValue(PREFIX + "s3.path-style", Boolean.class).orElse(false),
            string(config, "s3.access-key", ""),
            string(config, "s3.secret-key", ""));
    return new StreamStoreOptions(
        string(config, "store", "file").trim().toLowerCase(Locale.ROOT),
        root,
        s3,
        key.isBlank() ? null : Base64.getDecoder().decode(key.trim()),
        PersistenceMode.ofWire(string(config, "default-persistence", "on-disconnect")),
        config.getOptionalValue(PREFIX + "default-retention-days", Integer.class).orElse(7),
        Duration.ofMinutes(
            config.getOptionalValue(PREFIX + "sweep-interval-minutes", Integer.class).orElse(60)),
        new DrainLimit(
            Duration.ofSeconds(
                config.getOptionalValue(PREFIX + "drain.max-seconds", Integer.class).orElse(600)),
            config.getOptionalValue(PREFIX + "drain.max-chars", Long.class).orElse(4_000_000L)),
        config.getOptionalValue(PREFIX + "writer-threads", Integer.class).orElse(2));
  }

  private static String string(Config config, String name, String fallback) {
    return config.getOptionalValue(PREFIX + name, String.class).orElse(fallback);
  }
}
