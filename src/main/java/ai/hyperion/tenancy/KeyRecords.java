package ai.hyperion.tenancy;

import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyStatus;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.tenancy.Requests.Ceilings;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a key row and its owner, team and org into the record the verifier caches: the
 * allow-lists intersected across the three levels and the org's ceilings, the metadata merged (key
 * over team over org), the limits of every level (the org's within its ceilings).
 */
final class KeyRecords {

  private KeyRecords() {}

  static Optional<VirtualKey> findByPrefix(EntityManager em, String prefix) {
    return em.createQuery("select k from VirtualKey k where k.prefix = :prefix", VirtualKey.class)
        .setParameter("prefix", prefix)
        .getResultStream()
        .findFirst();
  }

  static KeyRecord resolve(EntityManager em, VirtualKey key) {
    User user = em.find(User.class, key.userId());
    Organization org = em.find(Organization.class, key.orgId());
    Team team = key.teamId() == null ? null : em.find(Team.class, key.teamId());
    return resolve(key, user, team, org);
  }

  /** The org's own limits, each at most its ceiling (a platform admin's, which always holds). */
  static Limits withinCeilings(Organization org) {
    Limits own = org.limits();
    Limits tightest = Narrowing.tightest(own, org.ceilings().asLimits());
    return new Limits(
        tightest.requestsPerMinute(),
        tightest.tokensPerMinute(),
        tightest.maxConcurrentRequests(),
        own.budgetRef());
  }

  static KeyRecord resolve(VirtualKey key, User user, Team team, Organization org) {
    Ceilings ceilings = org.ceilings();
    AllowList models =
        AllowList.of(key.allowedModels())
            .intersect(AllowList.of(org.allowedModels()))
            .intersect(AllowList.of(ceilings.allowedModels()));
    AllowList providers =
        AllowList.of(key.allowedProviders())
            .intersect(AllowList.of(org.allowedProviders()))
            .intersect(AllowList.of(ceilings.allowedProviders()));
    Map<String, String> metadata = new HashMap<>(org.metadata());
    Limits teamLimits = Limits.NONE;
    if (team != null) {
      models = models.intersect(AllowList.of(team.allowedModels()));
      providers = providers.intersect(AllowList.of(team.allowedProviders()));
      metadata.putAll(team.metadata());
      teamLimits = team.limits();
    }
    metadata.putAll(key.metadata());
    TenantContext tenant =
        new TenantContext(
            org.id(),
            key.teamId(),
            user.id(),
            key.id(),
            key.prefix(),
            models,
            providers,
            org.autoRoutingEnabled(),
            org.smartRoutingEnabled(),
            metadata,
            key.tags(),
            new TenantLimits(key.limits(), user.limits(), teamLimits, withinCeilings(org)),
            user.role(),
            key.purposes());
    Instant expiresAt = key.expiresAt();
    return new KeyRecord(
        key.prefix(),
        key.revoked() ? KeyStatus.REVOKED : KeyStatus.ACTIVE,
        HexFormat.of().parseHex(key.keyHash()),
        expiresAt == null ? KeyRecord.NEVER : expiresAt.toEpochMilli(),
        tenant);
  }
}
