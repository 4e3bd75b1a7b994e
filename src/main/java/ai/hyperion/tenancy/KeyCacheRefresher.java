package ai.hyperion.tenancy;

import ai.hyperion.auth.ApiKeyCache;
import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyRecordLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;

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
    Map<String, KeyRecord> records = loader.loadAll(prefixes);
    for (String prefix : prefixes) {
      KeyRecord record = records.get(prefix);
      cache.publish(record == null ? KeyRecord.unknown(prefix) : record);
    }
  }

  /** Publishes records built before their rows were deleted (revoked, so final). */
  public void publish(Collection<KeyRecord> records) {
    records.forEach(cache::publish);
  }
}
