package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyHasherTest {

  private final KeyHasher hasher = new KeyHasher("pepper-one");

  @Test
  void hashIsHmacSha256OfTheWholeKeyUnderThePepper() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        new KeyHasher("Jefe").hashHex("what do ya want for nothing?"));
  }

  @Test
  void thePepperChangesTheHash() {
    String key = VirtualKeyFormat.generate().key();
    assertNotEquals(hasher.hashHex(key), new KeyHasher("pepper-two").hashHex(key));
  }

  @Test
  void matchesOnlyTheKeyThatWasHashed() {
    String key = VirtualKeyFormat.generate().key();
    byte[] stored = HexFormat.of().parseHex(hasher.hashHex(key));
    assertTrue(hasher.matches(key, stored));
    assertFalse(hasher.matches(key + "x", stored));
    assertFalse(hasher.matches(VirtualKeyFormat.generate().key(), stored));
    assertFalse(hasher.matches(key, new byte[0]));
  }

  @Test
  void isSafeToShareAcrossThreads() throws Exception {
    String key = VirtualKeyFormat.generate().key();
    byte[] expected = hasher.hash(key);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> hasher.hash(key)));
      }
      for (Future<byte[]> result : results) {
        assertArrayEquals(expected, result.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anEmptyPepperIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new KeyHasher(""));
  }
}
