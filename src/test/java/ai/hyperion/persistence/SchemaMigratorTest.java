package ai.hyperion.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrading a database that is past a migration a newer capability brings with a lower number. */
class SchemaMigratorTest {

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
