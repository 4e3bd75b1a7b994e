package ai.hyperion.routing;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data plane's view of organisations' routing policies: read from the database once per org,
 * then served from memory; after {@link #TTL} an entry is refreshed in the background while the old
 * one keeps serving, so only an org's very first request waits for the database. A change made
 * through this instance's admin API is visible at once; on other instances within {@link #TTL}.
 */
@ApplicationScoped
public class RoutingPolicies {

  static final Duration TTL = Duration.ofSeconds(30);
  private static final Logger LOG = Logger.getLogger(RoutingPolicies.class.getName());

  private record Entry(OrgRoutingPolicy policy, long loadedNanos) {}

  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();

  @Inject RoutingPolicyService service;
  @Resource ManagedExecutorService executor;

  public OrgRoutingPolicy forOrg(String orgId) {
    Entry entry = cache.get(orgId);
    if (entry == null) {
      return load(orgId);
    }
    if (System.nanoTime() - entry.loadedNanos() > TTL.toNanos()
        && refreshing.putIfAbsent(orgId, Boolean.TRUE) == null) {
      executor.execute(
          () -> {
            try {
              load(orgId);
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "Could not refresh the routing policy of " + orgId, e);
            } finally {
              refreshing.remove(orgId);
            }
          });
    }
    return entry.policy();
  }

  /** Forgets an org's cached policy (after a change through the admin API). */
  public void invalidate(String orgId) {
    cache.remove(orgId);
  }

  private OrgRoutingPolicy load(String orgId) {
    OrgRoutingPolicy policy = service.policy(orgId);
    cache.put(orgId, new Entry(policy, System.nanoTime()));
    return policy;
  }
}
