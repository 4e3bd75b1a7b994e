package ai.hyperion.auth;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Key records in a Hazelcast map read through a near-cache ({@link ApiKeyCacheConfig}): a warm
 * lookup is a local hash-map read. Writes go to the partition owner, which invalidates every
 * member's near-cache entry immediately.
 */
@ApplicationScoped
public class HazelcastApiKeyCache implements ApiKeyCache {

  /**
   * How long "no such prefix" is remembered: a key created meanwhile is published, so this only
   * bounds memory.
   */
  static final long UNKNOWN_TTL_SECONDS = 60;

  private final IMap<String, KeyRecord> map;

  @Inject
  public HazelcastApiKeyCache(HazelcastInstance hazelcast) {
    this.map = hazelcast.getMap(ApiKeyCacheConfig.MAP_NAME);
  }

  /** For the CDI proxy only. */
  protected HazelcastApiKeyCache() {
    this.map = null;
  }

  @Override
  public KeyRecord get(String prefix) {
    return map.get(prefix);
  }

  @Override
  public KeyRecord cacheLoaded(KeyRecord loaded) {
    KeyRecord earlier =
        loaded.status() == KeyStatus.UNKNOWN
            ? map.putIfAbsent(loaded.prefix(), loaded, UNKNOWN_TTL_SECONDS, TimeUnit.SECONDS)
            : map.putIfAbsent(loaded.prefix(), loaded);
    return earlier == null ? loaded : earlier;
  }

  @Override
  public void publish(KeyRecord record) {
    // Compare-and-set against the owner's copy (not the near-cache, which may lag); the
    // serializer writes records deterministically, so equal records compare equal.
    while (true) {
      EntryView<String, KeyRecord> view = map.getEntryView(record.prefix());
      KeyRecord current = view == null ? null : view.getValue();
      if (current == null) {
        if (map.putIfAbsent(record.prefix(), record) == null) {
          return;
        }
      } else if (!replaces(record, current)) {
        return;
      } else if (map.replace(record.prefix(), current, record)) {
        return;
      }
    }
  }

  /** Whether {@code next} may replace {@code current}: anything but un-revoking. */
  static boolean replaces(KeyRecord next, KeyRecord current) {
    return current.status() != KeyStatus.REVOKED || next.status() == KeyStatus.REVOKED;
  }
}
