package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyHasher;
import ai.hyperion.auth.SecretFiles;
import ai.hyperion.auth.VerifierSettings;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.persistence.EarlierDerbyDatabase;
import ai.hyperion.persistence.SchemaMigrator;
import ai.hyperion.persistence.Transactions;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs before the application serves anything: migrates the schema, refuses to start on an empty
 * default database beside an earlier release's Derby one ({@link EarlierDerbyDatabase}), then makes
 * sure the bootstrap credential exists ({@link TenancyBootstrap}). The key comes from {@code
 * hyperion.auth.bootstrap-key} (env HYPERION_BOOTSTRAP_KEY); when none is configured and the
 * database is empty, one is generated and written, readable by the server's user only from its
 * first byte ({@link SecretFiles}), to {@code <server output dir>/bootstrap-key}. The key itself is
 * never logged.
 */
@ApplicationScoped
public class TenancyStartup {

  public static final String BOOTSTRAP_KEY_PROPERTY = VerifierSettings.BOOTSTRAP_KEY_PROPERTY;
  private static final Logger LOG = Logger.getLogger(TenancyStartup.class.getName());

  @Resource(lookup = "jdbc/hyperion")
  DataSource dataSource;

  @Inject Transactions transactions;
  @Inject KeyHasher hasher;
  @Inject KeyCacheRefresher keyCache;

  void onStart(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object event) {
    SchemaMigrator.migrate(dataSource);
    TenancyBootstrap bootstrap = new TenancyBootstrap(transactions, hasher);
    Config config = ConfigProvider.getConfig();
    EarlierDerbyDatabase.refuseToHide(
        config.getOptionalValue("DB_URL", String.class), outputDir(), bootstrap::databaseEmpty);
    Optional<String> configured =
        config.getOptionalValue(BOOTSTRAP_KEY_PROPERTY, String.class).filter(k -> !k.isBlank());
    if (configured.isEmpty() && !bootstrap.databaseEmpty()) {
      return;
    }
    String key = configured.orElseGet(() -> VirtualKeyFormat.generate().key());
    TenancyBootstrap.Outcome outcome = ensureRacingOtherInstances(bootstrap, key);
    String display = VirtualKeyFormat.parse(key).orElseThrow().toString();
    switch (outcome) {
      case CREATED ->
          LOG.info(
              () ->
                  "Empty database: created the default organisation and the platform administrator "
                      + TenancyBootstrap.ADMIN_EMAIL
                      + " with the bootstrap key "
                      + display);
      case KEY_ADDED ->
          LOG.info(
              () ->
                  "Added the configured bootstrap key "
                      + display
                      + " to "
                      + TenancyBootstrap.ADMIN_EMAIL);
      case NO_ADMIN ->
          LOG.warning(
              () ->
                  "The bootstrap administrator "
                      + TenancyBootstrap.ADMIN_USER_ID
                      + " no longer exists: the configured bootstrap key "
                      + display
                      + " was not imported.");
      case UNCHANGED -> LOG.fine("The bootstrap key is already known");
    }
    if (outcome == TenancyBootstrap.Outcome.CREATED && configured.isEmpty()) {
      writeGeneratedKey(key);
    }
    keyCache.refresh(List.of(VirtualKeyFormat.parse(key).orElseThrow().prefix()));
  }

  /** Two instances starting together on one empty database: the loser finds the winner's rows. */
  private static TenancyBootstrap.Outcome ensureRacingOtherInstances(
      TenancyBootstrap bootstrap, String key) {
    try {
      return bootstrap.ensure(key);
    } catch (RuntimeException first) {
      if (first instanceof IllegalArgumentException) {
        throw first;
      }
      LOG.info(
          () ->
              "Bootstrap raced another instance ("
                  + first.getClass().getSimpleName()
                  + "); retrying once");
      return bootstrap.ensure(key);
    }
  }

  private static Path outputDir() {
    return Path.of(System.getProperty("server.output.dir", System.getProperty("user.dir", ".")));
  }

  private static void writeGeneratedKey(String key) {
    Path file = outputDir().resolve("bootstrap-key");
    try {
      SecretFiles.writeOwnerOnly(file, key + "\n");
      LOG.info(
          "No "
              + BOOTSTRAP_KEY_PROPERTY
              + " configured: generated the bootstrap key and wrote it to "
              + file.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the generated bootstrap key to " + file, e);
    }
  }
}
