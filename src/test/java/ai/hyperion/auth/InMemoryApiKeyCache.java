package ai.hyperion.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A single-JVM key cache for tests that are not about Hazelcast. */
public final class InMemoryApiKeyCache implements ApiKeyCache {

  private final Map<String, KeyRecord> records = new ConcurrentHashMap<>();
  private final AtomicInteger publications = new AtomicInteger();

  @Override
  public KeyRecord get(String prefix) {
    return records.get(prefix);
  }

  @Override
  public KeyRecord cacheLoaded(KeyRecord loaded) {
    KeyRecord earlier = records.putIfAbsent(loaded.prefix(), loaded);
    return earlier == null ? loaded : earlier;
  }

  @Override
  public void publish(KeyRecord record) {
    publications.incrementAndGet();
    records.merge(
        record.prefix(),
        record,
        (current, next) -> HazelcastApiKeyCache.replaces(next, current) ? next : current);
  }

  public int publications() {
    return publications.get();
  }
}
