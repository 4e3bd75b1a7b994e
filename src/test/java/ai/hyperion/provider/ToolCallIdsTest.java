package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolCallIdsTest {

  @Test
  void mintedIdsFitTheStrictestProvider() {
    String id = ToolCallIds.mint();

    assertTrue(id.matches("call_[A-Za-z0-9]{24}"), id);
    assertTrue(ToolCallIds.portable(id));
    assertNotEquals(id, ToolCallIds.mint());
  }

  @Test
  void portableIdsPassUnchanged() {
    assertEquals(
        "toolu_01A09q90qw90lq917835lq9", ToolCallIds.toPortable("toolu_01A09q90qw90lq917835lq9"));
    assertEquals(
        "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", ToolCallIds.toPortable("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q"));
    assertNull(ToolCallIds.toPortable(null));
  }

  @Test
  void aLongOrOddIdBecomesTheSameShortIdEverywhere() {
    String legacy = "call_abcdefghijklmnopqrstuvwx__thought__" + "Q".repeat(400);

    String portable = ToolCallIds.toPortable(legacy);

    assertTrue(portable.matches("call_[A-Za-z0-9]{24}"), portable);
    assertEquals(portable, ToolCallIds.toPortable(legacy));
    assertNotEquals(portable, ToolCallIds.toPortable(legacy + "x"));
    assertTrue(ToolCallIds.portable(ToolCallIds.toPortable("call.with:dots")));
  }
}
