package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link ResponseStore} does, run against each implementation. */
abstract class ResponseStoreContract {

  /** A store with nothing in it. */
  abstract ResponseStore store();

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEntryReadsBackAsWritten() {
    ResponseStore store = store();
    store.put("org_a", "req_1", Instant.now(), bytes("{\"answer\":1}"));
    assertArrayEquals(bytes("{\"answer\":1}"), store.get("org_a", "req_1").orElseThrow());
    store.put("org_a", "req_1", Instant.now(), bytes("{\"answer\":2}"));
    assertArrayEquals(bytes("{\"answer\":2}"), store.get("org_a", "req_1").orElseThrow());
  }

  @Test
  void anEntryIsFoundOnlyUnderItsOwnOrganisation() {
    ResponseStore store = store();
    store.put("org_a", "req_2", Instant.now(), bytes("mine"));
    assertTrue(store.get("org_b", "req_2").isEmpty());
    assertTrue(store.get("org_a", "req_unknown").isEmpty());
  }

  @Test
  void keysThatCouldEscapeTheirOrganisationAreRefused() {
    ResponseStore store = store();
    assertThrows(IllegalArgumentException.class, () -> store.get("org_a", "../org_b/req_2"));
    assertThrows(
        IllegalArgumentException.class, () -> store.put("..", "req", Instant.now(), bytes("x")));
  }

  @Test
  void deleteRemovesOneEntry() {
    ResponseStore store = store();
    store.put("org_a", "req_3", Instant.now(), bytes("x"));
    assertTrue(store.delete("org_a", "req_3"));
    assertFalse(store.delete("org_a", "req_3"));
    assertTrue(store.get("org_a", "req_3").isEmpty());
  }

  @Test
  void organisationsAreListedAndOldEntriesDeletedPerOrganisation() {
    ResponseStore store = store();
    store.put("org_a", "req_4", Instant.now(), bytes("a"));
    store.put("org_b", "req_5", Instant.now(), bytes("b"));
    assertEquals(Set.of("org_a", "org_b"), store.orgs());

    assertEquals(0, store.deleteCreatedBefore("org_a", Instant.now().minusSeconds(3600)));
    assertEquals(1, store.deleteCreatedBefore("org_a", Instant.now().plusSeconds(3600)));
    assertTrue(store.get("org_a", "req_4").isEmpty());
    assertTrue(store.get("org_b", "req_5").isPresent(), "another organisation is untouched");
  }
}
