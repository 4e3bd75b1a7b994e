package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyHasher;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs before the application serves anything: migrates the schema, then bootstraps the first
 * administrator on an empty database. The bootstrap key comes from {@code
 * hyperion.auth.bootstrap-key} (env HYPERION_AUTH_BOOTSTRAP_KEY or HYPERION_BOOTSTRAP_KEY); when none is configured one is
 * generated and written, readable by the server's user only, to {@code <server output dir>/bootstrap-key}.
 */
@ApplicationScoped
public class TenancyStartup {

  public static final String BOOTSTRAP_KEY_PROPERTY = "hyperion.auth.bootstrap-key";
  private static final Logger LOG = Logger.getLogger(TenancyStartup.class.getName());

  @Resource(lookup = "jdbc/hyperion")
  DataSource dataSource;

  @Inject Transactions transactions;
  @Inject KeyHasher hasher;

  void onStart(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object event) {
    SchemaMigrator.migrate(dataSource);
    TenancyBootstrap bootstrap = new TenancyBootstrap(transactions, hasher);
    if (!bootstrap.needed()) {
      return;
    }
    Optional<String> configured = configuredBootstrapKey();
    String key = TenancyBootstrap.keyToUse(configured);
    try {
      String prefix = bootstrap.bootstrap(key);
      if (configured.isEmpty()) {
        writeGeneratedKey(key);
      }
      LOG.info(() -> "Empty database: created the default organisation and the platform administrator "
          + TenancyBootstrap.ADMIN_EMAIL + " with the bootstrap key " + prefix + "_...");
    } catch (RuntimeException e) {
      if (bootstrap.needed()) {
        throw e;
      }
      LOG.log(Level.INFO, "Another instance bootstrapped the database first", e.getClass().getName());
    }
  }

  private static Optional<String> configuredBootstrapKey() {
    org.eclipse.microprofile.config.Config config = ConfigProvider.getConfig();
    return config.getOptionalValue(BOOTSTRAP_KEY_PROPERTY, String.class)
        .filter(key -> !key.isBlank())
        .or(() -> config.getOptionalValue("HYPERION_BOOTSTRAP_KEY", String.class).filter(key -> !key.isBlank()));
  }

  private static void writeGeneratedKey(String key) {
    Path file = Path.of(System.getProperty("server.output.dir", "."), "bootstrap-key");
    try {
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.warning("Could not restrict the permissions of " + file + " on this file system.");
      }
      LOG.info("No " + BOOTSTRAP_KEY_PROPERTY + " configured: generated the bootstrap key and wrote it to "
          + file.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the generated bootstrap key to " + file, e);
    }
  }
}
