package ai.hyperion.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The key hasher, with the pepper from {@code hyperion.auth.key-pepper} (env
 * HYPERION_AUTH_KEY_PEPPER), or generated and stored for the embedded database ({@link KeyPepper}).
 * The pepper is never logged.
 */
@ApplicationScoped
public class KeyHasherProducer {

  public static final String PEPPER_PROPERTY = "hyperion.auth.key-pepper";
  private static final Logger LOG = Logger.getLogger(KeyHasherProducer.class.getName());

  @Produces
  @Singleton
  KeyHasher keyHasher() {
    Config config = ConfigProvider.getConfig();
    Path outputDir =
        Path.of(System.getProperty("server.output.dir", System.getProperty("user.dir", ".")));
    KeyPepper pepper =
        KeyPepper.resolve(
            config.getOptionalValue(PEPPER_PROPERTY, String.class),
            config.getOptionalValue("DB_URL", String.class).orElse(null),
            outputDir);
    switch (pepper.origin()) {
      case GENERATED ->
          LOG.info(
              "No "
                  + PEPPER_PROPERTY
                  + " configured: generated a key pepper and stored it, owner-only, in "
                  + outputDir.resolve(KeyPepper.FILE_NAME).toAbsolutePath());
      case LEGACY_BUILT_IN ->
          LOG.warning(
              "This embedded database predates generated key peppers: its keys stay hashed with"
                  + " the built-in pepper. Set "
                  + PEPPER_PROPERTY
                  + " and issue new keys, or start from a new database.");
      case CONFIGURED, STORED -> LOG.fine(() -> "Key pepper: " + pepper.origin());
    }
    return new KeyHasher(pepper.value());
  }
}
