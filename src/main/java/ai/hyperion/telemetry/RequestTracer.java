package ai.hyperion.telemetry;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestTrace;
import java.util.function.UnaryOperator;

/** Starts the trace of a data-plane request; free of OpenTelemetry types (see {@link Tracing}). */
interface RequestTracer {

  /**
   * The request's trace: a child of the server span already current, or of the client's W3C {@code
   * traceparent} read through {@code headers} (name → value or null), or a new trace.
   */
  RequestTrace start(Exchange exchange, UnaryOperator<String> headers);
}
