package ai.hyperion.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the control-plane schema up to date (Flyway, {@code db/migration}); safe to run on every
 * start.
 */
public final class SchemaMigrator {

  private SchemaMigrator() {}

  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(dataSource)
        // Liberty's class loader cannot list a folder: an empty flyway.location file marks each
        // one Flyway scans (db/migration, and db/callback which it always looks at).
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
