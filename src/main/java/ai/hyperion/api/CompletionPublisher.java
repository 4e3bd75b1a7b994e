package ai.hyperion.api;

import ai.hyperion.metering.RequestCompleted;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Fires {@link RequestCompleted} for the audit and write-back stage, timing the hand-off. The event
 * is synchronous and fired on the thread that completed the answer (never a request thread that
 * waits): observers must not block — they bump counters or enqueue to their own batched writers. An
 * asynchronous CDI event cost a JNDI look-up and a thread hand-off per request here.
 */
@ApplicationScoped
public class CompletionPublisher {

  @Inject Event<RequestCompleted> completed;

  public void completed(
      Exchange exchange,
      String endpoint,
      int status,
      Usage usage,
      boolean streamed,
      boolean disconnected) {
    long start = System.nanoTime();
    completed.fire(new RequestCompleted(exchange, endpoint, status, usage, streamed, disconnected));
    exchange.record(Stage.WRITE, System.nanoTime() - start);
  }
}
