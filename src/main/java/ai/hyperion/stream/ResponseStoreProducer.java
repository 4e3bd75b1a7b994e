package ai.hyperion.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the deployment's persistence settings and its {@link ResponseStore}: the file store
 * unless {@code hyperion.streams.store=s3}, wrapped in AES-GCM encryption when {@code
 * hyperion.streams.encryption-key} is set.
 */
@ApplicationScoped
public class ResponseStoreProducer {

  private static final Logger LOG = Logger.getLogger(ResponseStoreProducer.class.getName());

  /** A record, so a pseudo-scope (a normal scope would need a proxy of a final class). */
  @Produces
  @Singleton
  StreamStoreOptions options() {
    return StreamStoreOptions.from(ConfigProvider.getConfig());
  }

  @Produces
  @ApplicationScoped
  ResponseStore store(StreamStoreOptions options) {
    return create(options);
  }

  public static ResponseStore create(StreamStoreOptions options) {
    ResponseStore store =
        switch (options.store()) {
          case "file" -> new FileResponseStore(options.filePath());
          case "s3" ->
              new S3ResponseStore(
                  S3Clients.create(options.s3()), options.s3().bucket(), options.s3().prefix());
          default ->
              throw new IllegalArgumentException(
                  "hyperion.streams.store must be file or s3, not '" + options.store() + "'");
        };
    LOG.info(
        () ->
            "Response store: "
                + options.store()
                + (options.store().equals("s3")
                    ? " bucket " + options.s3().bucket() + " " + options.s3().endpoint()
                    : " " + options.filePath())
                + (options.encryptionKey() != null ? ", encrypted (AES-GCM)" : ""));
    return options.encryptionKey() == null
        ? store
        : new EncryptedResponseStore(store, options.encryptionKey());
  }
}
