package ai.hyperion.stream;

import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.StreamEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** What the pump's tests share: a recording ending, a hand-driven upstream, limits, an event. */
final class PumpFixtures {

  private PumpFixtures() {}

  /** Records how the pump ended the delivery. */
  static final class Ending implements StreamEnding {
    Boolean disconnected;
    Throwable failure;

    @Override
    public void delivered(boolean clientDisconnected, Throwable writerFailure) {
      disconnected = clientDisconnected;
      failure = writerFailure;
    }

    @Override
    public CompletionStage<StreamEnd> ended() {
      return new CompletableFuture<>();
    }
  }

  /**
   * A publisher that counts demand and emits only when the test says so; whether it was cancelled
   * is visible to the test from any thread (a timer may cancel it).
   */
  static final class Manual implements Flow.Publisher<StreamEvent> {
    Flow.Subscriber<? super StreamEvent> subscriber;
    long requested;
    volatile boolean cancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super StreamEvent> s) {
      subscriber = s;
      s.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {
              requested += n;
            }

            @Override
            public void cancel() {
              cancelled = true;
            }
          });
    }
  }

  static StreamLimits limits(int bufferBytes) {
    return new StreamLimits(
        Duration.ofSeconds(15),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMinutes(30),
        Duration.ofSeconds(10),
        bufferBytes);
  }

  static StreamEvent text(String t) {
    return new StreamEvent.TextDelta(0, t);
  }
}
