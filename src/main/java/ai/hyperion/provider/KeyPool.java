package ai.hyperion.provider;

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

  /** The next key; callers check {@link #isEmpty()} first. */
  public Secret next() {
    return keys.get(Math.floorMod(next.getAndIncrement(), keys.size()));
  }
}
