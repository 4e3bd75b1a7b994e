package ai.hyperion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Signed MCP sessions: two gateway instances sharing the signing key resume each other's sessions;
 * a session is bound to its key, expires, and cannot be forged or re-signed with another key.
 */
class SessionTokensTest {

  private static final byte[] SHARED =
      "a shared 32-byte signing key for tests!".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));

  @Test
  void aSessionIssuedByOneInstanceResumesOnAnother() {
    SessionTokens first = new SessionTokens(SHARED, clock, Duration.ofHours(1));
    SessionTokens second = new SessionTokens(SHARED, clock, Duration.ofHours(1));
    String session = first.issue("hk-abc123", "2025-06-18");
    assertEquals(Optional.of("2025-06-18"), second.resume(session, "hk-abc123"));
  }

  @Test
  void aSessionIsGoodOnlyForItsKeyAndUntilItExpires() {
    SessionTokens tokens = new SessionTokens(SHARED, clock, Duration.ofHours(1));
    String session = tokens.issue("hk-abc123", "2025-11-25");
    assertTrue(tokens.resume(session, "hk-other").isEmpty());
    clock.advance(Duration.ofMinutes(61));
    assertTrue(tokens.resume(session, "hk-abc123").isEmpty());
  }

  @Test
  void forgedOrForeignSessionsAreUnknown() {
    SessionTokens ours = new SessionTokens(SHARED, clock, Duration.ofHours(1));
    SessionTokens theirs =
        new SessionTokens(
            "another 32-byte key, not the shared one".getBytes(StandardCharsets.UTF_8),
            clock,
            Duration.ofHours(1));
    String foreign = theirs.issue("hk-abc123", "2025-06-18");
    assertTrue(ours.resume(foreign, "hk-abc123").isEmpty());
    String genuine = ours.issue("hk-abc123", "2025-06-18");
    String payload = genuine.substring(0, genuine.indexOf('.'));
    assertTrue(ours.resume(payload + ".AAAA", "hk-abc123").isEmpty());
    assertTrue(ours.resume("garbage", "hk-abc123").isEmpty());
    assertTrue(ours.resume(null, "hk-abc123").isEmpty());
  }
}
