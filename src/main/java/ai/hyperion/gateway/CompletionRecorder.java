package ai.hyperion.gateway;

import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RequestTrace;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that fires {@link RequestCompleted}: once per request (the Exchange guards it),
 * with the true final status. A failure that is a bug of the gateway is logged here with its stack
 * trace and counted, whichever client dialect the request used.
 */
@ApplicationScoped
public class CompletionRecorder {

  private static final Logger LOG = Logger.getLogger(CompletionRecorder.class.getName());

  private Event<RequestCompleted> completed;
  private GatewayMetrics metrics;

  protected CompletionRecorder() {}

  @Inject
  public CompletionRecorder(Event<RequestCompleted> completed, GatewayMetrics metrics) {
    this.completed = completed;
    this.metrics = metrics;
  }

  /** A call that returned a result: a complete answer now, a stream when it has ended. */
  public void succeeded(Exchange exchange, Object result) {
    if (result instanceof ChatResult.Complete complete) {
      ChatResponse answer = complete.response();
      fire(exchange, new Outcome(200, null, null, answer, answer.usage(), false, false));
    } else if (result instanceof ChatResult.Streaming streaming) {
      streaming.ending().ended().thenAccept(end -> streamEnded(exchange, end));
    } else if (result instanceof EmbeddingResponse embeddings) {
      fire(exchange, new Outcome(200, null, null, null, embeddings.usage(), false, false));
    } else {
      throw new IllegalArgumentException("not a gateway result: " + result);
    }
  }

  /** A request that failed, before or inside the gateway. */
  public void failed(Exchange exchange, Throwable failure) {
    GatewayError error = GatewayError.of(failure);
    fire(exchange, new Outcome(error.status(), error, failure, null, null, false, false));
  }

  private void streamEnded(Exchange exchange, StreamEnd end) {
    GatewayError error = end.failure() == null ? null : GatewayError.of(end.failure());
    int status = error == null ? 200 : error.status();
    fire(
        exchange,
        new Outcome(
            status,
            error,
            end.failure(),
            end.answer(),
            end.usage(),
            true,
            end.clientDisconnected()));
  }

  private record Outcome(
      int status,
      GatewayError error,
      Throwable cause,
      ChatResponse answer,
      Usage usage,
      boolean streamed,
      boolean disconnected) {}

  private void fire(Exchange exchange, Outcome outcome) {
    if (!exchange.markCompleted()) {
      return;
    }
    if (outcome.error() != null && outcome.error().internal()) {
      LOG.log(
          Level.SEVERE,
          "Request " + exchange.requestId() + " failed inside the gateway",
          GatewayError.unwrap(outcome.cause()));
      metrics.internalError();
    }
    RequestCompleted event =
        new RequestCompleted(
            exchange,
            outcome.status(),
            outcome.error(),
            outcome.answer(),
            outcome.usage(),
            outcome.streamed(),
            outcome.disconnected(),
            exchange.attempts());
    exchange.timed(
        Stage.WRITE,
        () -> {
          completed.fire(event);
          return null;
        });
    // After the write stage, so the request's span covers all of its stages.
    RequestTrace trace = exchange.trace();
    if (trace != null) {
      trace.end(event);
    }
  }
}
