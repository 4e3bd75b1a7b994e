package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExactKeysTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ExactKeys keys = new ExactKeys(clock, 3600);

  @Test
  void aKeyIsHeardOfUntilItsEntryCanNoLongerBeServed() {
    long now = clock.millis();
    assertFalse(keys.mayHold("org|a", now));
    keys.learn("org|a", now + 1_000);
    assertTrue(keys.mayHold("org|a", now));
    assertTrue(keys.mayHold("org|a", now + 999));
    assertFalse(keys.mayHold("org|a", now + 1_000));
    assertFalse(keys.mayHold("org|b", now), "another key");
  }

  @Test
  void aShorterWriteNeverShortensWhatAnEarlierOneAllowed() {
    long now = clock.millis();
    keys.learn("org|a", now + 5_000);
    keys.learn("org|a", now + 1_000);
    assertTrue(keys.mayHold("org|a", now + 4_000));
  }

  @Test
  void aSweepDropsOnlyKeysPastTheirTime() {
    long now = clock.millis();
    keys.learn("org|a", now + 1_000);
    keys.learn("org|b", now + 2_000);
    keys.learn("org|c", now + 3_000);
    assertEquals(2, keys.sweep(now + 2_000));
    assertEquals(1, keys.size());
    assertTrue(keys.mayHold("org|c", now + 2_000));
  }

  @Test
  void keysThatDifferInOneCharacterHashApart() {
    assertNotEquals(ExactKeys.hash("org|ab"), ExactKeys.hash("org|ba"));
    assertNotEquals(ExactKeys.hash("org|a"), ExactKeys.hash("org|b"));
  }
}
