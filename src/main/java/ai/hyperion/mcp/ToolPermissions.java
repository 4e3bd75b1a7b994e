package ai.hyperion.mcp;

import ai.hyperion.admin.Caller;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Changes;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tools a caller may see and call: the org's allow-list entries ({@link ToolGrant}) at the
 * org, team and key levels, intersected. Read from the database per org and reused for {@value
 * #TTL_MILLIS} ms (a change made on another instance shows within that; on this one at once).
 */
@ApplicationScoped
public class ToolPermissions {

  static final long TTL_MILLIS = 5_000;
  static final Set<String> LEVELS = Set.of("org", "team", "key");

  private final Transactions transactions;
  private final AuditTrail trail;

  /** The org's grants and when they were read; replaced whole. */
  private final Map<String, Cached> byOrg = new ConcurrentHashMap<>();

  private record Cached(List<ToolGrant> grants, long readAt) {}

  @Inject
  public ToolPermissions(Transactions transactions, AuditTrail trail) {
    this.transactions = transactions;
    this.trail = trail;
  }

  /** For the CDI proxy only. */
  protected ToolPermissions() {
    this(null, null);
  }

  public List<ToolGrant> grants(String orgId) {
    Cached cached = byOrg.get(orgId);
    long now = System.currentTimeMillis();
    if (cached != null && now - cached.readAt() < TTL_MILLIS) {
      return cached.grants();
    }
    List<ToolGrant> grants =
        transactions.inTransaction(
            em ->
                em
                    .createQuery(
                        "SELECT g FROM McpToolGrant g WHERE g.orgId = :org", McpToolGrant.class)
                    .setParameter("org", orgId)
                    .getResultList()
                    .stream()
                    .map(McpToolGrant::toGrant)
                    .toList());
    byOrg.put(orgId, new Cached(grants, now));
    return grants;
  }

  /** Replaces the org's whole allow-list, recorded in the audit trail as {@code caller}'s. */
  public List<ToolGrant> replace(Caller caller, String orgId, List<ToolGrant> grants) {
    transactions.inTransaction(
        em -> {
          List<ToolGrant> before =
              em
                  .createQuery(
                      "SELECT g FROM McpToolGrant g WHERE g.orgId = :org", McpToolGrant.class)
                  .setParameter("org", orgId)
                  .getResultList()
                  .stream()
                  .map(McpToolGrant::toGrant)
                  .toList();
          em.createQuery("DELETE FROM McpToolGrant g WHERE g.orgId = :org")
              .setParameter("org", orgId)
              .executeUpdate();
          grants.forEach(g -> em.persist(new McpToolGrant(g, orgId)));
          trail.record(
              em,
              caller,
              new AuditEvent(
                  orgId,
                  AuditAction.UPDATE,
                  "mcp-grants",
                  orgId,
                  List.of(Changes.of("grants", before, grants))));
          return null;
        });
    byOrg.remove(orgId);
    return grants(orgId);
  }

  /** Empty when the caller may use the tool; else why not, naming the level that refuses. */
  public Optional<String> refusal(TenantContext tenant, String server, String tool) {
    return refusal(grants(tenant.orgId()), tenant, server, tool);
  }

  static Optional<String> refusal(
      List<ToolGrant> grants, TenantContext tenant, String server, String tool) {
    String[][] levels = {
      {"org", tenant.orgId()}, {"team", tenant.teamId()}, {"key", tenant.keyId()}
    };
    for (String[] level : levels) {
      if (level[1] == null) {
        continue;
      }
      List<ToolGrant> own = new ArrayList<>();
      for (ToolGrant grant : grants) {
        if (grant.level().equals(level[0]) && grant.subjectId().equals(level[1])) {
          own.add(grant);
        }
      }
      if (!own.isEmpty() && own.stream().noneMatch(g -> g.covers(server, tool))) {
        return Optional.of(
            "The "
                + level[0]
                + " allow-list ("
                + level[0]
                + " "
                + level[1]
                + ") does not include the tool '"
                + server
                + "__"
                + tool
                + "'.");
      }
    }
    return Optional.empty();
  }
}
