package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.hyperion.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryResumeStatesTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final InMemoryResumeStates states =
      new InMemoryResumeStates(clock, Duration.ofHours(1), 2);

  @Test
  void statesExpireAndStayInTheirScope() {
    ResumeState state = new ResumeState("gemini", ResumeState.THOUGHT_SIGNATURE, "sig");
    states.put("org-1", "call_a", state);

    assertEquals(Optional.of(state), states.get("org-1", "call_a"));
    assertEquals(Optional.empty(), states.get("org-2", "call_a"));
    clock.advance(Duration.ofHours(1));
    assertEquals(Optional.empty(), states.get("org-1", "call_a"));
  }

  @Test
  void theOldestGoesWhenFull() {
    states.put("o", "1", new ResumeState("gemini", "k", "one"));
    clock.advance(Duration.ofSeconds(1));
    states.put("o", "2", new ResumeState("gemini", "k", "two"));
    clock.advance(Duration.ofSeconds(1));
    states.put("o", "3", new ResumeState("gemini", "k", "three"));

    assertEquals(Optional.empty(), states.get("o", "1"));
    assertEquals("three", states.get("o", "3").orElseThrow().value());
  }

  @Test
  void aContinuityRecallsOnlyItsOwnFamily() {
    new Continuity(states, "org", "anthropic").remember("call_x", "thinking_blocks", "[]");

    assertNull(
        new Continuity(states, "org", "vertex-anthropic").recall("call_x", "thinking_blocks"));
    assertEquals(
        "[]", new Continuity(states, "org", "anthropic").recall("call_x", "thinking_blocks"));
    assertEquals(
        new ResumeState("a", "b", "c\td"),
        ResumeState.decode(new ResumeState("a", "b", "c\td").encode()));
  }
}
