package ai.hyperion.telemetry;

import ai.hyperion.pipeline.AttemptRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One traced request: its span, the context its children hang under, and the spans of the upstream
 * attempts started so far (an attempt's span starts when it is sent, so the upstream's {@code
 * traceparent} names it; it ends when the request completes, from the attempt's record).
 */
final class RequestTrace {

  private record AttemptSpan(Span span, long startEpochNanos) {}

  private final Span span;
  private final Context context;
  private final long startEpochNanos;

  // Guarded by itself: a fallback's attempt may start on an upstream callback thread.
  private final List<AttemptSpan> attempts = new ArrayList<>();

  RequestTrace(Span span, Context context, long startEpochNanos) {
    this.span = span;
    this.context = context;
    this.startEpochNanos = startEpochNanos;
  }

  Span span() {
    return span;
  }

  Context context() {
    return context;
  }

  long startEpochNanos() {
    return startEpochNanos;
  }

  void attemptStarted(Span attempt, long startEpochNanos) {
    synchronized (attempts) {
      attempts.add(new AttemptSpan(attempt, startEpochNanos));
    }
  }

  /** Ends the attempt spans with what each attempt's record says (in the same order). */
  void endAttempts(List<AttemptRecord> records) {
    List<AttemptSpan> started;
    synchronized (attempts) {
      started = List.copyOf(attempts);
    }
    for (int i = 0; i < started.size(); i++) {
      AttemptSpan attempt = started.get(i);
      if (i < records.size()) {
        AttemptRecord record = records.get(i);
        attempt.span().setAttribute("hyperion.model", record.model());
        attempt.span().setAttribute("http.response.status_code", record.status());
        if (record.errorCode() != null) {
          attempt.span().setStatus(StatusCode.ERROR, record.errorCode());
        }
        attempt.span().end(attempt.startEpochNanos() + record.nanos(), TimeUnit.NANOSECONDS);
      } else {
        attempt.span().end();
      }
    }
  }
}
