package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.VirtualKeyFormat.PresentedKey;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VirtualKeyFormatTest {

  @Test
  void generatedKeysHaveThePrefixAndSecretShapeAndParseBack() {
    PresentedKey key = VirtualKeyFormat.generate();
    assertTrue(key.key().matches("hk-[A-Za-z0-9]{8}_[A-Za-z0-9]{32}"), key.key());
    assertEquals(key.key().substring(3, 11), key.prefix());
    assertEquals(key, VirtualKeyFormat.parse(key.key()).orElseThrow());
  }

  @Test
  void generatedKeysAreDistinct() {
    Set<String> keys = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      PresentedKey key = VirtualKeyFormat.generate();
      keys.add(key.key());
      prefixes.add(key.prefix());
    }
    assertEquals(1000, keys.size());
    assertEquals(1000, prefixes.size());
  }

  @Test
  void stringsThatCannotBeKeysAreRejectedWithoutALookup() {
    for (String bad : new String[] {
        null, "", "sk-abc", "hk-", "hk-abcdefgh", "hk-abcdefgh_short",
        "hk-abc!efgh_" + "x".repeat(32), "hk-abcdefgh-" + "x".repeat(32),
        "hk-abcdefgh_" + "x".repeat(31) + " ", "hk-abcdefgh_" + "x".repeat(129)}) {
      assertTrue(VirtualKeyFormat.parse(bad).isEmpty(), String.valueOf(bad));
    }
  }

  @Test
  void secretsMayContainDashesAndUnderscores() {
    String key = "hk-Ab3dEf9h_" + "a-b_c".repeat(5);
    assertEquals("Ab3dEf9h", VirtualKeyFormat.parse(key).orElseThrow().prefix());
  }

  @Test
  void toStringAndDisplayNeverShowTheSecret() {
    PresentedKey key = VirtualKeyFormat.generate();
    String secret = key.key().substring(12);
    assertTrue(!key.toString().contains(secret));
    assertEquals("hk-" + key.prefix() + "_...", VirtualKeyFormat.display(key.prefix()));
    assertNotEquals(key.key(), VirtualKeyFormat.display(key.prefix()));
  }
}
