package ai.hyperion.pipeline;

/**
 * The trace of one data-plane request, as the pipeline sees it: the stages report their timings
 * (the same ones {@code Server-Timing} shows), each upstream attempt is a span of its own whose W3C
 * {@code traceparent} goes upstream, and the request's span ends with its completion. The Exchange
 * holds none when tracing is off, so the pipeline pays one null check per stage. Implementations
 * never record keys, prompts or answers.
 */
public interface RequestTrace {

  /** A stage that ran from {@code startEpochNanos} (wall clock) for {@code durationNanos}. */
  void stage(Stage stage, long startEpochNanos, long durationNanos);

  /** Starts the span of one upstream attempt, a child of the request's span. */
  Attempt attempt(String provider, String model, RouteMode mode);

  /** Ends the request's span with its final outcome, once, after the write stage. */
  void end(RequestCompleted completed);

  /** One upstream attempt's span. */
  interface Attempt {

    /** The W3C {@code traceparent} header value naming this attempt as the upstream's parent. */
    String traceparent();

    void end(AttemptRecord outcome);
  }
}
