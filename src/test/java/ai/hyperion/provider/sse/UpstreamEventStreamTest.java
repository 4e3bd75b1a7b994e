package ai.hyperion.provider.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UpstreamEventStreamTest {

  /** Turns each body chunk into a text delta; "finish" marks the terminal signal. */
  private static final class LineDecoder implements ChunkDecoder {
    private final RuntimeException failWith;
    private boolean finished;

    LineDecoder(RuntimeException failWith) {
      this.failWith = failWith;
    }

    @Override
    public void feed(ByteBuffer bytes, Consumer<StreamEvent> out) {
      String text = StandardCharsets.UTF_8.decode(bytes).toString();
      if (text.equals("boom") && failWith != null) {
        throw failWith;
      }
      if (text.equals("finish")) {
        finished = true;
        out.accept(new StreamEvent.Finish(0, FinishReason.STOP));
        return;
      }
      out.accept(new StreamEvent.TextDelta(0, text));
    }

    @Override
    public void finish(Consumer<StreamEvent> out) {}

    @Override
    public boolean finished() {
      return finished;
    }
  }

  private record Outcome(List<StreamEvent> events, Throwable failure) {}

  private static Outcome run(RuntimeException decoderFailure, String... chunks) throws Exception {
    SubmissionPublisher<List<ByteBuffer>> body = new SubmissionPublisher<>(Runnable::run, 16);
    UpstreamEventStream stream =
        new UpstreamEventStream("fake", body, new LineDecoder(decoderFailure));
    List<StreamEvent> events = new ArrayList<>();
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    stream.subscribe(
        new Flow.Subscriber<>() {
          Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(StreamEvent event) {
            events.add(event);
            subscription.request(1);
          }

          @Override
          public void onError(Throwable failure) {
            end.complete(failure);
          }

          @Override
          public void onComplete() {
            end.complete(null);
          }
        });
    for (String chunk : chunks) {
      body.submit(List.of(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8))));
    }
    body.close();
    return new Outcome(events, end.get(5, TimeUnit.SECONDS));
  }

  @Test
  void eventsArriveInOrderAndTheStreamCompletesAfterItsTerminalSignal() throws Exception {
    Outcome outcome = run(null, "Hel", "lo", "finish");

    assertEquals(null, outcome.failure());
    assertEquals(new StreamEvent.TextDelta(0, "Hel"), outcome.events().get(0));
    assertEquals(3, outcome.events().size());
  }

  @Test
  void aBodyThatEndsWithoutTheTerminalSignalIsARetryableTruncation() throws Exception {
    Outcome outcome = run(null, "Hel", "lo");

    ProviderException cut = assertInstanceOf(ProviderException.class, outcome.failure());
    assertEquals("stream_truncated", cut.code());
    assertTrue(cut.retryable());
  }

  @Test
  void theUpstreamsBadDataFailsTheStreamWithTheParsersOwnError() throws Exception {
    ProviderException bad = ProviderException.malformed("fake", "not JSON");

    Outcome outcome = run(bad, "Hel", "boom", "finish");

    assertSame(bad, outcome.failure());
    assertEquals(1, outcome.events().size());
  }

  @Test
  void aBugInTheParserIsNotBlamedOnTheUpstream() throws Exception {
    NullPointerException bug = new NullPointerException("parser bug");

    Outcome outcome = run(bug, "Hel", "boom", "finish");

    assertSame(bug, outcome.failure());
  }
}
