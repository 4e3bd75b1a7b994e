package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileResponseStoreTest extends ResponseStoreContract {

  @TempDir Path dir;

  @Override
  ResponseStore store() {
    return new FileResponseStore(dir.resolve("responses"));
  }

  @Test
  void anEntryIsOneFilePerRequestUnderItsOrganisationWithItsCreationTime() throws Exception {
    Instant created = Instant.parse("2026-01-02T03:04:05Z");
    store().put("org_a", "req_9", created, bytes("x"));
    Path file = dir.resolve("responses/org_a/req_9");
    assertEquals(created, Files.getLastModifiedTime(file).toInstant());
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void anOrganisationsDirectoryRemovedBetweenTwoEntriesIsMadeAgain() throws Exception {
    ResponseStore store = store();
    store.put("org_a", "req_1", Instant.now(), bytes("one"));
    Path org = dir.resolve("responses/org_a");
    Files.delete(org.resolve("req_1"));
    Files.delete(org);

    store.put("org_a", "req_2", Instant.now(), bytes("two"));

    assertArrayEquals(bytes("two"), store.get("org_a", "req_2").orElseThrow());
  }
}
