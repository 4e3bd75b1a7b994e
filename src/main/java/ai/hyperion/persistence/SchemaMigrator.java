package ai.hyperion.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
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
    // Liberty's class loader cannot list a folder: an empty flyway.location file marks each
    // one Flyway scans (db/migration, and db/callback which it always looks at).
    return migrate(dataSource, "classpath:db/migration");
  }

  /**
   * Migrations are numbered by capability (V10s policy, V20s compliance, ... V80s security), so a
   * capability added later may bring a version lower than one a database already has: such a
   * migration is applied out of order instead of failing validation.
   */
  static MigrateResult migrate(DataSource dataSource, String location) {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(dataSource)
        .locations(location)
        .outOfOrder(true)
        .placeholders(Map.of("large_text", largeTextType(dataSource)))
        .load()
        .migrate();
  }

  /** The column type for unbounded text: PostgreSQL has TEXT, Derby only CLOB. */
  private static String largeTextType(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      return product.toLowerCase(Locale.ROOT).contains("postgres") ? "TEXT" : "CLOB";
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database to migrate it", e);
    }
  }
}
