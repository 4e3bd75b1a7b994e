package ai.hyperion.mcp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MCP session ids that need no server-side state: {@code <payload>.<hmac>} where the payload is the
 * key prefix it was issued to, the negotiated protocol version, a random nonce and the expiry. Any
 * instance holding the same signing key resumes a session another instance issued; a session
 * presented with another key, forged, or expired is unknown (404, and the client initialises
 * again).
 */
public final class SessionTokens {

  private static final Logger LOG = Logger.getLogger(SessionTokens.class.getName());
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration ttl;

  public SessionTokens(byte[] key, Clock clock, Duration ttl) {
    if (key.length < 32) {
      throw new IllegalArgumentException(McpSettings.SESSION_KEY + " must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.clock = clock;
    this.ttl = ttl;
  }

  /** From the settings; a random key (sessions good on this instance only) when none is set. */
  public static SessionTokens from(McpSettings settings) {
    byte[] key;
    if (settings.sessionKey() == null || settings.sessionKey().isBlank()) {
      LOG.warning(
          McpSettings.SESSION_KEY
              + " is not set: MCP sessions are signed with a key of this instance only, so"
              + " a client must stay on the instance that initialised its session.");
      key = new byte[32];
      RANDOM.nextBytes(key);
    } else {
      key = Base64.getDecoder().decode(settings.sessionKey().trim());
    }
    return new SessionTokens(
        key, Clock.systemUTC(), Duration.ofHours(Math.max(1, settings.sessionTtlHours())));
  }

  /** A session a client holding the key with {@code keyPrefix} uses. */
  public String issue(String keyPrefix, String protocolVersion) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    long expires = clock.millis() + ttl.toMillis();
    String payload =
        B64.encodeToString(
            (keyPrefix + "|" + protocolVersion + "|" + B64.encodeToString(nonce) + "|" + expires)
                .getBytes(StandardCharsets.UTF_8));
    return payload + "." + B64.encodeToString(sign(payload));
  }

  /** The session's protocol version when it is genuine, unexpired and issued to this key. */
  public Optional<String> resume(String sessionId, String keyPrefix) {
    if (sessionId == null) {
      return Optional.empty();
    }
    int dot = sessionId.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload = sessionId.substring(0, dot);
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(sessionId.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(presented, sign(payload))) {
      return Optional.empty();
    }
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|");
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (parts.length != 4 || !parts[0].equals(keyPrefix)) {
      return Optional.empty();
    }
    long expires;
    try {
      expires = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return clock.millis() < expires ? Optional.of(parts[1]) : Optional.empty();
  }

  private byte[] sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
