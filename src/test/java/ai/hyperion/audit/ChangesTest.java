package ai.hyperion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangesTest {

  record View(
      String name,
      Set<String> models,
      Map<String, String> metadata,
      Limits limits,
      String webhookSecret,
      Instant updatedAt) {}

  @Test
  void onlyChangedFieldsAreListedNestedRecordsFlattenedSecretsMasked() {
    View before = new View("a", Set.of(), Map.of("k", "v"), Limits.NONE, "s1", Instant.EPOCH);
    View after =
        new View(
            "b",
            Set.of("y", "x"),
            Map.of("k", "v"),
            new Limits(10, null, null, null),
            "s2",
            Instant.now());
    assertEquals(
        "[{\"field\":\"limits.requestsPerMinute\",\"old\":null,\"new\":10},"
            + "{\"field\":\"models\",\"old\":null,\"new\":[\"x\",\"y\"]},"
            + "{\"field\":\"name\",\"old\":\"a\",\"new\":\"b\"},"
            + "{\"field\":\"webhookSecret\",\"old\":\"[secret]\",\"new\":\"[secret changed]\"}]",
        Changes.toJson(Changes.between(before, after)));
    assertEquals(List.of(), Changes.between(before, before));
  }

  @Test
  void oversizedChangesAreCutToFitTheColumn() {
    View huge = new View("x".repeat(30_000), Set.of(), Map.of(), Limits.NONE, null, null);
    List<FieldChange> changes =
        List.of(
            Changes.of("a", "y".repeat(Changes.MAX_VALUE_CHARS), "z".repeat(1999)),
            Changes.of("b", null, "w".repeat(1999)));
    String bounded = Changes.toBoundedJson(changes, 1000);
    assertTrue(bounded.length() <= 1000, bounded);
    assertTrue(bounded.contains("chars)"), bounded);
    assertTrue(Changes.toJson(Changes.between(null, huge)).contains("…(30000 chars)"));
  }
}
