package ai.hyperion.auth;

import ai.hyperion.error.AuthenticationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The API key verifier: virtual keys stored (hashed) in the database, answered from the Hazelcast
 * near-cache on the hot path. A miss reads the database once and caches the result. Revocation
 * publishes the revoked record to the cache, so every member refuses the key from then on; and
 * since a publication can be missed (a partition, a failed publish, instances that share a database
 * but no cluster), a cached ACTIVE record is trusted for {@link VerifierSettings#recheckAfter} only
 * and then read from the database again.
 *
 * <p>Refusing is cheap: a token of no key's shape costs no lookup, and an unknown prefix is
 * remembered by this member only ({@link UnknownPrefixes}), never written to the cluster.
 *
 * <p>An enabled alternative so it replaces any fallback verifier without further wiring.
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class DatabaseApiKeyVerifier implements ApiKeyVerifier {

  private static final Logger LOG = Logger.getLogger(DatabaseApiKeyVerifier.class.getName());
  private static final int MAX_TRACKED = 200_000;

  private final ApiKeyCache cache;
  private final KeyRecordLoader loader;
  private final KeyHasher hasher;
  private final Clock clock;
  private final VerifierSettings settings;
  private final UnknownPrefixes unknown;
  private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();

  @Inject
  public DatabaseApiKeyVerifier(ApiKeyCache cache, KeyRecordLoader loader, KeyHasher hasher) {
    this(
        cache,
        loader,
        hasher,
        Clock.systemUTC(),
        VerifierSettings.from(ConfigProvider.getConfig()));
  }

  public DatabaseApiKeyVerifier(
      ApiKeyCache cache, KeyRecordLoader loader, KeyHasher hasher, Clock clock) {
    this(cache, loader, hasher, clock, VerifierSettings.DEFAULTS);
  }

  public DatabaseApiKeyVerifier(
      ApiKeyCache cache,
      KeyRecordLoader loader,
      KeyHasher hasher,
      Clock clock,
      VerifierSettings settings) {
    this.cache = cache;
    this.loader = loader;
    this.hasher = hasher;
    this.clock = clock;
    this.settings = settings;
    this.unknown =
        settings == null
            ? null
            : new UnknownPrefixes(
                settings.unknownTtl().toMillis(), settings.maxUnknown(), clock::millis);
  }

  /** For the CDI proxy only. */
  protected DatabaseApiKeyVerifier() {
    this(null, null, null, null, null);
  }

  @Override
  public Optional<TenantContext> verify(String presentedKey) {
    Optional<VirtualKeyFormat.PresentedKey> parsed = parse(presentedKey);
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

  /**
   * Generated keys have the {@code hk-} shape; any other shape is accepted only for the configured
   * bootstrap key, so random tokens cost no database query.
   */
  private Optional<VirtualKeyFormat.PresentedKey> parse(String presentedKey) {
    Optional<VirtualKeyFormat.PresentedKey> standard = VirtualKeyFormat.parseStandard(presentedKey);
    if (standard.isPresent()) {
      return standard;
    }
    Optional<VirtualKeyFormat.PresentedKey> foreign = VirtualKeyFormat.parse(presentedKey);
    Optional<String> accepted = settings.foreignKeyPrefix();
    if (accepted == null) {
      return foreign;
    }
    return foreign.filter(key -> accepted.isPresent() && accepted.get().equals(key.prefix()));
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
      return cached.status() == KeyStatus.ACTIVE && recheckDue(prefix)
          ? recheck(prefix, cached)
          : cached;
    }
    if (unknown.contains(prefix)) {
      return KeyRecord.unknown(prefix);
    }
    Optional<KeyRecord> loaded = loader.load(prefix);
    if (loaded.isEmpty()) {
      unknown.remember(prefix);
      return KeyRecord.unknown(prefix);
    }
    checked(prefix);
    return cache.cacheLoaded(loaded.get());
  }

  /** Whether this member last read the prefix from the database too long ago (or never). */
  private boolean recheckDue(String prefix) {
    Long last = checkedAt.get(prefix);
    return last == null || clock.millis() - last >= settings.recheckAfter().toMillis();
  }

  private void checked(String prefix) {
    if (checkedAt.size() >= MAX_TRACKED) {
      checkedAt.clear();
    }
    checkedAt.put(prefix, clock.millis());
  }

  /**
   * Reads the key again; a change (revoked, deleted, narrowed) is published so the other members
   * see it too. If the database cannot answer, the cached record is used: the database being down
   * must not take the data plane down with it.
   */
  private KeyRecord recheck(String prefix, KeyRecord cached) {
    checked(prefix);
    KeyRecord fresh;
    try {
      fresh = loader.load(prefix).orElseGet(() -> KeyRecord.unknown(prefix));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not re-check the key " + VirtualKeyFormat.display(prefix) + " in the database",
          e);
      return cached;
    }
    if (fresh.status() != KeyStatus.ACTIVE
        || fresh.expiresAtMillis() != cached.expiresAtMillis()
        || !fresh.tenant().equals(cached.tenant())) {
      cache.publish(fresh);
    }
    return fresh;
  }
}
