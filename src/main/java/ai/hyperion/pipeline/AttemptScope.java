package ai.hyperion.pipeline;

/**
 * Entered around the sending of each upstream attempt, on the thread that sends it, and closed
 * right after: lets the tracer make the attempt's trace context current, so the upstream client can
 * send a W3C {@code traceparent}. The default does nothing.
 */
public interface AttemptScope {

  AttemptScope NONE = (exchange, provider) -> () -> {};

  Entered enter(Exchange exchange, String provider);

  /** A scope that closes without checked exceptions. */
  interface Entered extends AutoCloseable {
    @Override
    void close();
  }
}
