package ai.hyperion.admin;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Admin UI sessions, kept in a Hazelcast map so that any instance serves any session and a sign-out
 * anywhere ends it everywhere. The map key is the SHA-256 of the session id (a copy of the map does
 * not give usable cookies). Idle and absolute timeouts are checked here on every read; the entry's
 * own TTL and max-idle only clean up.
 */
@ApplicationScoped
public class AdminSessions {

  /** A session just created: the id goes into the cookie, never anywhere else. */
  public record Started(String id, AdminSession session) {
    @Override
    public String toString() {
      return "Started[" + session.keyPrefix() + "]";
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final IMap<String, AdminSession> map;
  private final AdminSessionSettings settings;
  private final Clock clock;

  @Inject
  public AdminSessions(HazelcastInstance hazelcast) {
    this(hazelcast, AdminSessionSettings.from(ConfigProvider.getConfig()), Clock.systemUTC());
  }

  public AdminSessions(HazelcastInstance hazelcast, AdminSessionSettings settings, Clock clock) {
    this.map = hazelcast == null ? null : hazelcast.getMap(AdminSessionMapConfig.MAP_NAME);
    this.settings = settings;
    this.clock = clock;
  }

  /** For the CDI proxy only. */
  protected AdminSessions() {
    this(null, AdminSessionSettings.defaults(), Clock.systemUTC());
  }

  public AdminSessionSettings settings() {
    return settings;
  }

  /** Signs in the owner of the key with this prefix (the key was verified by the caller). */
  public Started start(String keyPrefix) {
    String id = token();
    long now = clock.millis();
    AdminSession session = new AdminSession(keyPrefix, token(), now, now);
    store(id(id), session, now);
    return new Started(id, session);
  }

  /** The live session with this id, its idle clock reset; empty when unknown, idle or too old. */
  public Optional<AdminSession> find(String id) {
    if (id == null || id.isBlank() || id.length() > 100) {
      return Optional.empty();
    }
    String key = id(id);
    AdminSession session = map.get(key);
    if (session == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    if (now >= session.createdAtMillis() + settings.absoluteTimeout().toMillis()
        || now >= session.lastSeenMillis() + settings.idleTimeout().toMillis()) {
      map.delete(key);
      return Optional.empty();
    }
    // Written back only now and then: a request is not a cluster write.
    if (now - session.lastSeenMillis() >= touchInterval()) {
      session = session.seenAt(now);
      store(key, session, now);
    }
    return Optional.of(session);
  }

  public void end(String id) {
    if (id != null && !id.isBlank() && id.length() <= 100) {
      map.delete(id(id));
    }
  }

  /** When the session ends at the latest without further activity. */
  public long expiresAtMillis(AdminSession session) {
    return Math.min(
        session.createdAtMillis() + settings.absoluteTimeout().toMillis(),
        session.lastSeenMillis() + settings.idleTimeout().toMillis());
  }

  private long touchInterval() {
    return Math.min(60_000, settings.idleTimeout().toMillis() / 10);
  }

  private void store(String key, AdminSession session, long now) {
    long ttl = session.createdAtMillis() + settings.absoluteTimeout().toMillis() - now;
    map.set(
        key,
        session,
        Math.max(1, ttl),
        TimeUnit.MILLISECONDS,
        settings.idleTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String id(String sessionId) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
