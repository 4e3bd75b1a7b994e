package ai.hyperion.routing;

import ai.hyperion.provider.Secret;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Round-robin over a provider's API keys; blank keys (unset env variables) are left out. */
public final class KeyPool {

  private final List<Secret> keys;
  private final AtomicInteger next = new AtomicInteger();

  public KeyPool(List<Secret> configured) {
    this.keys = configured.stream().filter(k -> !k.isBlank()).toList();
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The key for the next call, or null when the pool is empty (no key to send). */
  public Secret next() {
    return keys.isEmpty() ? null : keys.get(Math.floorMod(next.getAndIncrement(), keys.size()));
  }
}
