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
    for (String bad :
        new String[] {
          null,
          "",
          "sk-abc",
          "hk-",
          "hk-abcdefgh",
          "short-key-15chr",
          "hk-abcdefgh_" + "x".repeat(31) + " ",
          "x".repeat(257),
          "hk-bootstrap-kéy-0123456789"
        }) {
      assertTrue(VirtualKeyFormat.parse(bad).isEmpty(), String.valueOf(bad));
    }
  }

  @Test
  void aKeyOfAnotherShapeGetsAPrefixDerivedFromItsHash() {
    String configured = "hk-it-bootstrap-key-0123456789";
    PresentedKey key = VirtualKeyFormat.parse(configured).orElseThrow();
    assertEquals(configured, key.key());
    assertTrue(key.prefix().matches("[0-9a-f]{8}"), key.prefix());
    assertEquals(key, VirtualKeyFormat.parse(configured).orElseThrow());
    assertNotEquals(key.prefix(), VirtualKeyFormat.parse(configured + "x").orElseThrow().prefix());
    // A malformed standard key is treated the same way, never as its embedded prefix.
    PresentedKey odd = VirtualKeyFormat.parse("hk-abc!efgh_" + "x".repeat(32)).orElseThrow();
    assertTrue(odd.prefix().matches("[0-9a-f]{8}"));
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
