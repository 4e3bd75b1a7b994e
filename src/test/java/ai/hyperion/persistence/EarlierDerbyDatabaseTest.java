package ai.hyperion.persistence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upgraded server does not start on an empty H2 database beside its earlier Derby one. */
class EarlierDerbyDatabaseTest {

  @TempDir Path dir;

  @Test
  void anEmptyDefaultDatabaseBesideAnEarlierDerbyOneRefusesToStart() throws IOException {
    Files.createDirectories(EarlierDerbyDatabase.location(dir));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> EarlierDerbyDatabase.refuseToHide(Optional.empty(), dir, () -> true));
    String derby = EarlierDerbyDatabase.location(dir).toAbsolutePath().toString();
    assertTrue(e.getMessage().contains("DB_URL=jdbc:derby:" + derby), e.getMessage());
  }

  @Test
  void theDefaultUrlAsLibertyExpandsItCountsAsTheDefault() throws IOException {
    Files.createDirectories(EarlierDerbyDatabase.location(dir));
    String url = "jdbc:h2:" + dir + "//h2/hyperion;WRITE_DELAY=0";
    assertThrows(
        IllegalStateException.class,
        () -> EarlierDerbyDatabase.refuseToHide(Optional.of(url), dir, () -> true));
  }

  @Test
  void aConfiguredDatabaseADefaultOneInUseOrNoDerbyStarts() throws IOException {
    assertDoesNotThrow(() -> EarlierDerbyDatabase.refuseToHide(Optional.empty(), dir, () -> true));
    Files.createDirectories(EarlierDerbyDatabase.location(dir));
    assertDoesNotThrow(
        () ->
            EarlierDerbyDatabase.refuseToHide(
                Optional.of("jdbc:derby:" + EarlierDerbyDatabase.location(dir)), dir, () -> true));
    assertDoesNotThrow(
        () ->
            EarlierDerbyDatabase.refuseToHide(
                Optional.of("jdbc:h2:" + dir.resolve("elsewhere")), dir, () -> true));
    assertDoesNotThrow(() -> EarlierDerbyDatabase.refuseToHide(Optional.empty(), dir, () -> false));
  }
}
