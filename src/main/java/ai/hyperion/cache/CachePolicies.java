package ai.hyperion.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Each organisation's {@link CachePolicy} as the request path reads it: from a near-cached
 * Hazelcast map, so a warm read is local; a cold one loads the database row on the given executor
 * (never the calling thread) and publishes it. A settings change publishes the new policy, which
 * every member sees at once (the near-caches are invalidated).
 */
public class CachePolicies {

  private final IMap<String, CachePolicy> map;
  private final Function<String, CachePolicy> loader;
  private final Executor loadExecutor;

  /**
   * @param loader reads an organisation's settings from the database (defaults when it has none)
   * @param loadExecutor where the loader runs (a managed executor in the server)
   */
  public CachePolicies(
      HazelcastInstance hazelcast, Function<String, CachePolicy> loader, Executor loadExecutor) {
    this.map = hazelcast.getMap(CacheMaps.SETTINGS);
    this.loader = loader;
    this.loadExecutor = loadExecutor;
  }

  public CompletionStage<CachePolicy> forOrg(String orgId) {
    CachePolicy known = map.get(orgId);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          CachePolicy loaded = loader.apply(orgId);
          // A change published meanwhile wins over what we read before it.
          CachePolicy earlier = map.putIfAbsent(orgId, loaded);
          return earlier == null ? loaded : earlier;
        },
        loadExecutor);
  }

  /** Makes a changed policy visible on every member. */
  public void publish(String orgId, CachePolicy policy) {
    map.set(orgId, policy);
  }
}
