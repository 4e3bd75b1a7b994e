package ai.hyperion.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a database that is past a migration a newer capability brings with a lower number; the
 * page size of a new embedded database.
 */
class SchemaMigratorTest {

  @Test
  void everyDerbyTableAndIndexIsMadeWithSmallPagesEvenWithLongColumns() throws Exception {
    Map<String, Integer> pageBytes = new TreeMap<>();
    try (TestDatabase derby = TestDatabase.derby(); // migrated by SchemaMigrator
        Connection connection = derby.dataSource().getConnection();
        Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT v.CONGLOMERATENAME, v.PAGESIZE FROM SYS.SYSSCHEMAS s, SYS.SYSTABLES t,"
                    + " TABLE (SYSCS_DIAG.SPACE_TABLE(s.SCHEMANAME, t.TABLENAME)) v"
                    + " WHERE s.SCHEMAID = t.SCHEMAID AND s.SCHEMANAME = 'HYPERION'")) {
      while (rows.next()) {
        pageBytes.put(rows.getString(1), rows.getInt(2));
      }
    }
    // The request log's two 32,000-character bodies made Derby choose 32 KiB pages for it.
    assertEquals(
        SchemaMigrator.DERBY_PAGE_BYTES, pageBytes.get("REQUEST_LOG"), pageBytes::toString);
    assertTrue(pageBytes.size() > 50, pageBytes::toString);
    pageBytes.forEach(
        (conglomerate, bytes) ->
            assertEquals(SchemaMigrator.DERBY_PAGE_BYTES, bytes, conglomerate));
  }

  @Test
  void aLowerNumberedMigrationAddedLaterIsAppliedToADatabasePastIt(@TempDir Path older)
      throws Exception {
    Path all = Path.of(SchemaMigratorTest.class.getResource("/db/migration").toURI());
    List<Path> migrations;
    try (Stream<Path> files = Files.list(all)) {
      migrations = files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList();
    }
    Path highest = migrations.stream().max(SchemaMigratorTest::byVersion).orElseThrow();
    // The MCP gateway's V70 came after V84 (key purposes) had reached databases.
    Path later = migrations.stream().filter(m -> version(m).equals("70")).findFirst().orElseThrow();
    for (Path migration : migrations) {
      if (!migration.equals(later)) {
        Files.copy(migration, older.resolve(migration.getFileName()));
      }
    }
    System.setProperty("derby.stream.error.file", "target/derby.log");
    EmbeddedDataSource derby = new EmbeddedDataSource();
    derby.setDatabaseName("memory:migrator-" + System.nanoTime());
    derby.setCreateDatabase("create");
    derby.setUser("hyperion");

    MigrateResult before = SchemaMigrator.migrate(derby, "filesystem:" + older);
    assertEquals(version(highest), before.targetSchemaVersion, "the database is past " + later);

    MigrateResult upgrade = SchemaMigrator.migrate(derby);
    assertTrue(upgrade.success);
    assertEquals(1, upgrade.migrationsExecuted, "only " + later.getFileName() + " was missing");
    assertEquals(version(later), upgrade.migrations.get(0).version);
  }

  private static int byVersion(Path a, Path b) {
    return Integer.compare(Integer.parseInt(version(a)), Integer.parseInt(version(b)));
  }

  private static String version(Path migration) {
    String name = migration.getFileName().toString();
    return name.substring(1, name.indexOf("__"));
  }
}
