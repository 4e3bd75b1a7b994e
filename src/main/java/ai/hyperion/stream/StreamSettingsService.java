package ai.hyperion.stream;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.OrgCheck;
import ai.hyperion.admin.Scope;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.stream.StreamSettingsViews.SettingsRequest;
import ai.hyperion.stream.StreamSettingsViews.SettingsView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An organisation's persistence settings: read by whoever may read the org, changed by its admins
 * (admin API), and looked up off the request path by the persister and the retention sweeper,
 * through a short-lived per-instance cache (another instance sees a change within {@link
 * #CACHE_MILLIS}).
 */
@ApplicationScoped
public class StreamSettingsService {

  static final int MAX_RETENTION_DAYS = 3650;
  static final long CACHE_MILLIS = 30_000;

  private record Cached(PersistencePolicy policy, long at) {}

  private final Transactions transactions;
  private final StreamStoreOptions options;
  private final Clock clock;
  private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

  @Inject
  public StreamSettingsService(Transactions transactions, StreamStoreOptions options) {
    this(transactions, options, Clock.systemUTC());
  }

  public StreamSettingsService(Transactions transactions, StreamStoreOptions options, Clock clock) {
    this.transactions = transactions;
    this.options = options;
    this.clock = clock;
  }

  /** For the CDI proxy only. */
  protected StreamSettingsService() {
    this(null, null, null);
  }

  public PersistencePolicy defaults() {
    return new PersistencePolicy(options.defaultMode(), options.defaultRetentionDays());
  }

  /**
   * The organisation's policy if it was read within the cache's lifetime, without going to the
   * database; empty otherwise.
   */
  public Optional<PersistencePolicy> cachedPolicy(String orgId) {
    Cached cached = cache.get(orgId);
    return cached != null && clock.millis() - cached.at() < CACHE_MILLIS
        ? Optional.of(cached.policy())
        : Optional.empty();
  }

  /** The organisation's policy (cached briefly), or the defaults. */
  public PersistencePolicy policy(String orgId) {
    long now = clock.millis();
    Cached cached = cache.get(orgId);
    if (cached != null && now - cached.at() < CACHE_MILLIS) {
      return cached.policy();
    }
    PersistencePolicy policy =
        transactions.inTransaction(
            em -> {
              StreamSettings row = em.find(StreamSettings.class, orgId);
              return row == null ? defaults() : row.policy();
            });
    cache.put(orgId, new Cached(policy, now));
    return policy;
  }

  public SettingsView get(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(
        em -> {
          OrgCheck.require(em, orgId);
          StreamSettings row = em.find(StreamSettings.class, orgId);
          return row == null
              ? SettingsView.of(orgId, defaults(), options.store(), null)
              : SettingsView.of(orgId, row.policy(), options.store(), row.updatedAt());
        });
  }

  public SettingsView update(Caller caller, String orgId, SettingsRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    PersistenceMode mode = validate(request);
    StreamSettings saved =
        transactions.inTransaction(
            em -> {
              OrgCheck.require(em, orgId);
              StreamSettings row = em.find(StreamSettings.class, orgId);
              PersistencePolicy current = row == null ? defaults() : row.policy();
              PersistencePolicy next =
                  new PersistencePolicy(
                      mode != null ? mode : current.mode(),
                      request.retentionDays() != null
                          ? request.retentionDays()
                          : current.retentionDays());
              if (row == null) {
                row = new StreamSettings(orgId, next);
                em.persist(row);
              } else {
                row.apply(next);
              }
              em.flush();
              return row;
            });
    cache.put(orgId, new Cached(saved.policy(), clock.millis()));
    return SettingsView.of(orgId, saved.policy(), options.store(), saved.updatedAt());
  }

  private static PersistenceMode validate(SettingsRequest request) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors = new FieldErrors();
    PersistenceMode mode = null;
    if (request.persistence() != null) {
      try {
        mode = PersistenceMode.ofWire(request.persistence());
      } catch (IllegalArgumentException e) {
        errors.add("persistence", "must be one of always, on-disconnect, never");
      }
    }
    Integer days = request.retentionDays();
    if (days != null && (days < 1 || days > MAX_RETENTION_DAYS)) {
      errors.add("retentionDays", "must be between 1 and " + MAX_RETENTION_DAYS);
    }
    errors.throwIfAny();
    return mode;
  }
}
