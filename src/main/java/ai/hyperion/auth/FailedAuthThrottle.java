package ai.hyperion.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Slows down key guessing: after {@code max} failed authentications from one client address within
 * a window, that address is refused (429 with Retry-After) until the window ends, before any key is
 * looked at. Per instance, by the TCP peer address (a proxy in front should enforce its own limit,
 * or every client behind it shares one budget). Bounded: when full, expired windows go first, then
 * new addresses are not tracked.
 */
@ApplicationScoped
public class FailedAuthThrottle {

  public static final String MAX_PROPERTY = "hyperion.auth.max-failures-per-minute";
  static final int DEFAULT_MAX = 30;
  static final int MAX_ADDRESSES = 100_000;

  private record Window(long startMillis, int failures) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final int max;
  private final long windowMillis;
  private final Clock clock;

  @Inject
  public FailedAuthThrottle() {
    this(
        ConfigProvider.getConfig()
            .getOptionalValue(MAX_PROPERTY, Integer.class)
            .orElse(DEFAULT_MAX),
        Duration.ofMinutes(1),
        Clock.systemUTC());
  }

  public FailedAuthThrottle(int max, Duration window, Clock clock) {
    this.max = max;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  /** Seconds to wait when the address is throttled now; empty when it may try. */
  public OptionalLong retryAfterSeconds(String address) {
    if (address == null || max <= 0) {
      return OptionalLong.empty();
    }
    Window window = windows.get(address);
    if (window == null || window.failures() < max) {
      return OptionalLong.empty();
    }
    long left = window.startMillis() + windowMillis - clock.millis();
    if (left <= 0) {
      windows.remove(address, window);
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(1, (left + 999) / 1000));
  }

  public void failed(String address) {
    if (address == null || max <= 0) {
      return;
    }
    long now = clock.millis();
    if (!windows.containsKey(address) && windows.size() >= MAX_ADDRESSES) {
      for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
        if (it.next().startMillis() + windowMillis <= now) {
          it.remove();
        }
      }
      if (windows.size() >= MAX_ADDRESSES) {
        return;
      }
    }
    windows.compute(
        address,
        (a, w) ->
            w == null || w.startMillis() + windowMillis <= now
                ? new Window(now, 1)
                : new Window(w.startMillis(), w.failures() + 1));
  }
}
