package ai.hyperion.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.TestDatabase;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored responses on a real, migrated database (run per database). */
abstract class ResponseStoreContract {

  abstract TestDatabase openDatabase();

  private TestDatabase database;
  private ResponseStore store;

  @BeforeEach
  void open() {
    database = openDatabase();
    store = new ResponseStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static StoredResponse response(String id, String org, String body) {
    return new StoredResponse(
        id, org, LocalDateTime.of(2026, 11, 30, 16, 0), "gpt-4o", null, "[]", body);
  }

  @Test
  void aResponseIsFoundOnlyWithinItsOrg() {
    store.save(response("resp_1", "org_a", "{\"id\":\"resp_1\"}"));

    assertEquals("{\"id\":\"resp_1\"}", store.find("org_a", "resp_1").orElseThrow().response());
    assertTrue(store.find("org_b", "resp_1").isEmpty());
    assertTrue(store.find("org_a", "resp_2").isEmpty());
  }

  @Test
  void onlyItsOrgDeletesIt() {
    store.save(response("resp_1", "org_a", "{}"));

    assertFalse(store.delete("org_b", "resp_1"));
    assertTrue(store.find("org_a", "resp_1").isPresent());
    assertTrue(store.delete("org_a", "resp_1"));
    assertTrue(store.find("org_a", "resp_1").isEmpty());
    assertFalse(store.delete("org_a", "resp_1"));
  }

  @Test
  void largeConversationsFitBeyondAVarcharColumn() {
    String big = "{\"text\":\"" + "x".repeat(200_000) + "\"}";
    store.save(response("resp_big", "org_a", big));

    assertEquals(big, store.find("org_a", "resp_big").orElseThrow().response());
  }
}
