package ai.hyperion.provider;

import java.util.function.Supplier;

/**
 * The W3C {@code traceparent} of the upstream attempt being started on this thread, for {@link
 * UpstreamClient} to send with the request. The gateway sets it around the synchronous part of an
 * attempt (an adapter builds its request before it returns); nothing when tracing is off.
 */
public final class UpstreamTrace {

  /** Per thread, and only for the duration of {@link #with}. */
  private static final ThreadLocal<String> TRACEPARENT = new ThreadLocal<>();

  private UpstreamTrace() {}

  /** Runs {@code work} with {@code traceparent} as the one upstream requests carry. */
  public static <T> T with(String traceparent, Supplier<T> work) {
    String outer = TRACEPARENT.get();
    TRACEPARENT.set(traceparent);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        TRACEPARENT.remove();
      } else {
        TRACEPARENT.set(outer);
      }
    }
  }

  /** The traceparent to send, or null. */
  static String current() {
    return TRACEPARENT.get();
  }
}
