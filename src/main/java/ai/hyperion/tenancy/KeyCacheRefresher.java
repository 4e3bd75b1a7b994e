package ai.hyperion.tenancy;

import ai.hyperion.auth.ApiKeyCache;
import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyRecordLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;

/**
 * After a committed change, re-reads the affected keys and publishes them to the cluster-wide
 * cache, so every member sees the change (a revocation, a narrowed allow-list) on its next request.
 */
@ApplicationScoped
public class KeyCacheRefresher {

  private final KeyRecordLoader loader;
  private final ApiKeyCache cache;

  @Inject
  public KeyCacheRefresher(KeyRecordLoader loader, ApiKeyCache cache) {
    this.loader = loader;
    this.cache = cache;
  }

  /** For the CDI proxy only. */
  protected KeyCacheRefresher() {
    this(null, null);
  }

  public void refresh(Collection<String> prefixes) {
    for (String prefix : prefixes) {
      cache.publish(loader.load(prefix).orElseGet(() -> KeyRecord.unknown(prefix)));
    }
  }
}
