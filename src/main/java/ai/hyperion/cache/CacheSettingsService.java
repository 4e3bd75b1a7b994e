package ai.hyperion.cache;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.OrgCheck;
import ai.hyperion.admin.Scope;
import ai.hyperion.cache.CacheAdminViews.PurgeRequest;
import ai.hyperion.cache.CacheAdminViews.PurgeResult;
import ai.hyperion.cache.CacheAdminViews.SettingsRequest;
import ai.hyperion.cache.CacheAdminViews.SettingsView;
import ai.hyperion.cache.CacheAdminViews.StatsView;
import ai.hyperion.cache.CacheAdminViews.TierStats;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * The cache admin operations: an organisation's settings (read by whoever may read the org, changed
 * by its admins; the {@code GLOBAL} scope, which shares answers across organisations, only by
 * platform admins), its statistics (usage readers) and purges (org admins).
 */
@ApplicationScoped
public class CacheSettingsService {

  static final int MAX_ENTRIES_LIMIT = 1_000_000;

  private final Transactions transactions;
  private final ResponseCache cache;
  private final CachePolicies policies;
  private final CacheOptions options;

  @Inject
  public CacheSettingsService(
      Transactions transactions,
      ResponseCache cache,
      CachePolicies policies,
      CacheOptions options) {
    this.transactions = transactions;
    this.cache = cache;
    this.policies = policies;
    this.options = options;
  }

  /** For the CDI proxy only. */
  protected CacheSettingsService() {
    this(null, null, null, null);
  }

  /** The stored policy of an organisation, or the defaults (the request path's loader). */
  public static CachePolicy load(Transactions transactions, String orgId) {
    return load(transactions, orgId, CachePolicy.DEFAULT);
  }

  /** The stored policy of an organisation, or {@code defaults}. */
  public static CachePolicy load(Transactions transactions, String orgId, CachePolicy defaults) {
    return transactions.inTransaction(
        em -> {
          CacheSettings row = em.find(CacheSettings.class, orgId);
          return row == null ? defaults : row.policy();
        });
  }

  public SettingsView get(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(
        em -> {
          OrgCheck.require(em, orgId);
          CacheSettings row = em.find(CacheSettings.class, orgId);
          return row == null
              ? SettingsView.of(orgId, options.defaultPolicy(), null)
              : SettingsView.of(orgId, row.policy(), row.updatedAt());
        });
  }

  public SettingsView update(Caller caller, String orgId, SettingsRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    CacheScope scope = validate(request);
    if (scope == CacheScope.GLOBAL) {
      AccessPolicy.require(caller, Area.PLATFORM, Access.WRITE, Scope.org(orgId));
    }
    CacheSettings saved =
        transactions.inTransaction(
            em -> {
              OrgCheck.require(em, orgId);
              CacheSettings row = em.find(CacheSettings.class, orgId);
              CachePolicy next =
                  merge(row == null ? options.defaultPolicy() : row.policy(), request);
              if (row == null) {
                row = new CacheSettings(orgId, next);
                em.persist(row);
              } else {
                row.apply(next);
              }
              em.flush();
              return row;
            });
    policies.publish(orgId, saved.policy());
    return SettingsView.of(orgId, saved.policy(), saved.updatedAt());
  }

  public StatsView stats(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.USAGE, Access.READ, Scope.org(orgId));
    transactions.inTransaction(em -> OrgCheck.require(em, orgId));
    CacheCounters c = cache.stats().counters(orgId);
    CacheInventory inventory = cache.inventory();
    return new StatsView(
        orgId,
        TierStats.of(
            c.exactHits(),
            c.exactMisses(),
            inventory.exactEntries(orgId),
            inventory.exactBytes(orgId),
            c.exactSavedMicroUsd()),
        TierStats.of(
            c.semanticHits(),
            c.semanticMisses(),
            inventory.semanticEntries(orgId),
            inventory.semanticBytes(orgId),
            c.semanticSavedMicroUsd()),
        c.bypasses(),
        (c.exactSavedMicroUsd() + c.semanticSavedMicroUsd()) / 1_000_000.0,
        cache.embedder().id(),
        cache.embedder().loadMillis());
  }

  public PurgeResult purge(Caller caller, String orgId, PurgeRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    FieldErrors errors = new FieldErrors();
    String model = request == null ? null : request.model();
    Long olderThan = request == null ? null : request.olderThanSeconds();
    if (model != null && (model.isBlank() || model.length() > FieldErrors.MAX_NAME)) {
      errors.add("model", "must be a model id of at most " + FieldErrors.MAX_NAME + " characters");
    }
    if (olderThan != null && olderThan < 0) {
      errors.add("olderThanSeconds", "must be zero or more");
    }
    errors.throwIfAny();
    transactions.inTransaction(em -> OrgCheck.require(em, orgId));
    return new PurgeResult(orgId, cache.inventory().purge(orgId, model, olderThan));
  }

  private CacheScope validate(SettingsRequest request) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors = new FieldErrors();
    CacheScope scope = null;
    if (request.scope() != null) {
      try {
        scope = CacheScope.valueOf(request.scope().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add("scope", "must be one of ORG, TEAM, KEY, GLOBAL");
      }
    }
    if (request.ttlSeconds() != null
        && (request.ttlSeconds() < 1 || request.ttlSeconds() > options.maxTtlSeconds())) {
      errors.add("ttlSeconds", "must be between 1 and " + options.maxTtlSeconds());
    }
    Double threshold = request.similarityThreshold();
    if (threshold != null && (threshold.isNaN() || threshold < 0.5 || threshold > 1.0)) {
      errors.add("similarityThreshold", "must be between 0.5 and 1.0");
    }
    if (request.maxEntries() != null
        && (request.maxEntries() < 1 || request.maxEntries() > MAX_ENTRIES_LIMIT)) {
      errors.add("maxEntries", "must be between 1 and " + MAX_ENTRIES_LIMIT);
    }
    errors.throwIfAny();
    return scope;
  }

  private static CachePolicy merge(CachePolicy current, SettingsRequest r) {
    return new CachePolicy(
        r.exactEnabled() != null ? r.exactEnabled() : current.exactEnabled(),
        r.semanticEnabled() != null ? r.semanticEnabled() : current.semanticEnabled(),
        r.scope() != null
            ? CacheScope.valueOf(r.scope().trim().toUpperCase(Locale.ROOT))
            : current.scope(),
        r.ttlSeconds() != null ? r.ttlSeconds() : current.ttlSeconds(),
        r.similarityThreshold() != null ? r.similarityThreshold() : current.similarityThreshold(),
        r.maxEntries() != null ? r.maxEntries() : current.maxEntries(),
        r.cacheToolCalls() != null ? r.cacheToolCalls() : current.cacheToolCalls());
  }
}
