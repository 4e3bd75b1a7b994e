package ai.hyperion.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Prefixes this member recently found in no key, remembered briefly so that repeating a guess costs
 * no query. Kept apart from the key cache: a flood of guesses neither writes to the cluster nor
 * evicts the records of real keys. Bounded; when full, expired entries go first, and then new
 * guesses are simply not remembered.
 */
final class UnknownPrefixes {

  private final Map<String, Long> expiresAt = new ConcurrentHashMap<>();
  private final long ttlMillis;
  private final int max;
  private final LongSupplier clock;

  UnknownPrefixes(long ttlMillis, int max, LongSupplier clock) {
    this.ttlMillis = ttlMillis;
    this.max = max;
    this.clock = clock;
  }

  boolean contains(String prefix) {
    Long until = expiresAt.get(prefix);
    if (until == null) {
      return false;
    }
    if (clock.getAsLong() < until) {
      return true;
    }
    expiresAt.remove(prefix, until);
    return false;
  }

  void remember(String prefix) {
    if (ttlMillis <= 0) {
      return;
    }
    long now = clock.getAsLong();
    if (expiresAt.size() >= max) {
      for (Iterator<Long> it = expiresAt.values().iterator(); it.hasNext(); ) {
        if (it.next() <= now) {
          it.remove();
        }
      }
      if (expiresAt.size() >= max) {
        return;
      }
    }
    expiresAt.put(prefix, now + ttlMillis);
  }

  void forget(String prefix) {
    expiresAt.remove(prefix);
  }

  int size() {
    return expiresAt.size();
  }
}
