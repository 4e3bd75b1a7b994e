package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPoolTest {

  @Test
  void keysAreUsedInTurnAndBlankOnesAreLeftOut() {
    KeyPool pool = new KeyPool(List.of(new Secret("k1"), new Secret(""), new Secret("k2")));

    assertEquals("k1", pool.next().value());
    assertEquals("k2", pool.next().value());
    assertEquals("k1", pool.next().value());
  }

  @Test
  void anEmptyPoolHandsOutNoKey() {
    KeyPool pool = new KeyPool(List.of(new Secret("")));

    assertTrue(pool.isEmpty());
    assertNull(pool.next());
  }
}
