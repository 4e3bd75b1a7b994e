package ai.hyperion.persistence;

import java.sql.CallableStatement;
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

  /** The page size of every Derby table and index created by a migration. */
  static final int DERBY_PAGE_BYTES = 8192;

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
        .placeholders(Map.of("large_text", prepare(dataSource)))
        .load()
        .migrate();
  }

  /**
   * Readies a Derby database ({@link #useSmallPages}) and returns the column type for unbounded
   * text: PostgreSQL has TEXT; Derby and H2 take CLOB.
   */
  private static String prepare(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return "TEXT";
      }
      if (product.contains("derby")) {
        useSmallPages(connection);
      }
      return "CLOB";
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database to migrate it", e);
    }
  }

  /**
   * Derby gives a table with long columns (the request log's bodies, every CLOB) 32 KiB pages, and
   * its page cache is sized in pages ({@code derby.storage.pageCacheSize}, jvm.options): 4,000 of
   * them would be 125 MiB of heap. Tables and indexes created from now on get 8 KiB pages: the
   * cache then holds at most 31 MiB, and an index splits half as often as with Derby's 4 KiB
   * default (4 KiB measured slower on the request log's inserts). A longer row continues on
   * overflow pages. Tables that exist keep theirs.
   */
  private static void useSmallPages(Connection connection) throws SQLException {
    try (CallableStatement call =
        connection.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
      call.setString(1, "derby.storage.pageSize");
      call.setString(2, Integer.toString(DERBY_PAGE_BYTES));
      call.execute();
    }
  }
}
