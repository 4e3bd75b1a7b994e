package ai.hyperion.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A signed-in admin UI session, as kept cluster-wide (never the key: only its public prefix, so a
 * revocation or role change of that key takes effect on the session's next request).
 *
 * @param keyPrefix the prefix of the key that signed in
 * @param csrfToken what every change made with this session must send as {@code X-CSRF-Token}
 * @param createdAtMillis sign-in time; the absolute timeout counts from here
 * @param lastSeenMillis last request (updated coarsely); the idle timeout counts from here
 */
public record AdminSession(
    String keyPrefix, String csrfToken, long createdAtMillis, long lastSeenMillis) {

  public AdminSession {
    Objects.requireNonNull(keyPrefix);
    Objects.requireNonNull(csrfToken);
  }

  /** Constant-time comparison with the token a request presented (null never matches). */
  public boolean csrfMatches(String presented) {
    return presented != null
        && MessageDigest.isEqual(
            csrfToken.getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.US_ASCII));
  }

  AdminSession seenAt(long millis) {
    return new AdminSession(keyPrefix, csrfToken, createdAtMillis, millis);
  }
}
