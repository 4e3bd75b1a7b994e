package ai.hyperion.auth;

import ai.hyperion.error.AuthenticationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The API key verifier: virtual keys stored (hashed) in the database, answered from the Hazelcast
 * near-cache on the hot path. A miss reads the database once and caches the result, unknown
 * prefixes included. Revocation publishes the revoked record to the cache, so every member refuses
 * the key from then on.
 *
 * <p>An enabled alternative so it replaces any fallback verifier without further wiring.
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class DatabaseApiKeyVerifier implements ApiKeyVerifier {

  private final ApiKeyCache cache;
  private final KeyRecordLoader loader;
  private final KeyHasher hasher;
  private final Clock clock;

  @Inject
  public DatabaseApiKeyVerifier(ApiKeyCache cache, KeyRecordLoader loader, KeyHasher hasher) {
    this(cache, loader, hasher, Clock.systemUTC());
  }

  public DatabaseApiKeyVerifier(
      ApiKeyCache cache, KeyRecordLoader loader, KeyHasher hasher, Clock clock) {
    this.cache = cache;
    this.loader = loader;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** For the CDI proxy only. */
  protected DatabaseApiKeyVerifier() {
    this(null, null, null, null);
  }

  @Override
  public Optional<TenantContext> verify(String presentedKey) {
    Optional<VirtualKeyFormat.PresentedKey> parsed = VirtualKeyFormat.parse(presentedKey);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    KeyRecord record = lookup(parsed.get().prefix());
    // The hash is checked before the status so that a prefix alone reveals nothing.
    if (record.status() == KeyStatus.UNKNOWN || !hasher.matches(presentedKey, record.hash())) {
      return Optional.empty();
    }
    return Optional.of(usable(record));
  }

  @Override
  public Optional<TenantContext> reverify(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return Optional.empty();
    }
    KeyRecord record = lookup(prefix);
    return record.status() == KeyStatus.UNKNOWN ? Optional.empty() : Optional.of(usable(record));
  }

  private TenantContext usable(KeyRecord record) {
    if (record.status() == KeyStatus.REVOKED) {
      throw new AuthenticationException("revoked_api_key", "This API key has been revoked.");
    }
    if (record.expiredAt(clock.millis())) {
      throw new AuthenticationException(
          "expired_api_key",
          "This API key expired at " + Instant.ofEpochMilli(record.expiresAtMillis()) + ".");
    }
    return record.tenant();
  }

  private KeyRecord lookup(String prefix) {
    KeyRecord cached = cache.get(prefix);
    if (cached != null) {
      return cached;
    }
    return cache.cacheLoaded(loader.load(prefix).orElseGet(() -> KeyRecord.unknown(prefix)));
  }
}
