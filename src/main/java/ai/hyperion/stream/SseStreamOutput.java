package ai.hyperion.stream;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.StreamEvent;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes a stream of canonical events to the client as server-sent events, flushing each one as it
 * arrives. Requests one event at a time from the upstream (backpressure). If the client goes away
 * the upstream is still drained to its end, so usage is metered and nothing paid for is lost. When
 * it stops writing it reports to the stream's {@link StreamEnding} whether the client was still
 * there and why it gave up, if it did.
 */
public final class SseStreamOutput implements StreamingOutput {

  private static final Object COMPLETE = new Object();

  /**
   * Long enough for a reasoning model that thinks before its first token; a stalled upstream is cut
   * after it (and the client gets an error event instead of waiting forever).
   */
  private static final long IDLE_TIMEOUT_SECONDS = 300;

  private final Flow.Publisher<StreamEvent> events;
  private final StreamFormat format;
  private final StreamEnding ending;

  public SseStreamOutput(
      Flow.Publisher<StreamEvent> events, StreamFormat format, StreamEnding ending) {
    this.events = events;
    this.format = format;
    this.ending = ending;
  }

  private record Failed(Throwable failure) {}

  /**
   * The SSE response for this stream, built on {@code writer}: the thread that completes the
   * returned stage writes the whole stream, so it must never be an upstream I/O thread.
   */
  public CompletableFuture<Response> respondOn(Executor writer) {
    return CompletableFuture.supplyAsync(
        () ->
            Response.ok(this)
                .type("text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build(),
        writer);
  }

  @Override
  public void write(OutputStream out) {
    // Liberty holds what a response's first flush carries until the next flush (measured: the
    // status line and the first event waited for the upstream's second event). An empty first
    // flush takes that hold, so the status line, the headers and the first event go out as soon
    // as the first event is flushed, and every event after it as soon as it is written.
    boolean connected = send(out, "", true);
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    events.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription[0] = s;
            s.request(1);
          }

          @Override
          public void onNext(StreamEvent event) {
            queue.add(event);
          }

          @Override
          public void onError(Throwable failure) {
            queue.add(new Failed(failure));
          }

          @Override
          public void onComplete() {
            queue.add(COMPLETE);
          }
        });
    Throwable writerFailure = null;
    try {
      while (true) {
        Object next = queue.poll(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
          subscription[0].cancel();
          writerFailure =
              new ProviderException(
                  504,
                  "upstream_error",
                  "upstream_timeout",
                  null,
                  "The upstream sent nothing for " + IDLE_TIMEOUT_SECONDS + " seconds.",
                  true);
          connected = send(out, format.error(GatewayError.of(writerFailure)), connected);
          break;
        }
        if (next == COMPLETE) {
          connected = send(out, format.end(), connected);
          break;
        }
        if (next instanceof Failed f) {
          connected = send(out, format.error(GatewayError.of(f.failure())), connected);
          break;
        }
        for (String text : format.write((StreamEvent) next)) {
          connected = send(out, text, connected);
        }
        if (!connected) {
          ending.clientGone();
        }
        subscription[0].request(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      subscription[0].cancel();
      writerFailure = e;
    } catch (RuntimeException formatBug) {
      subscription[0].cancel();
      writerFailure = formatBug;
      connected = send(out, format.error(GatewayError.of(formatBug)), connected);
    } finally {
      ending.delivered(!connected, writerFailure);
    }
  }

  private static boolean send(OutputStream out, String text, boolean connected) {
    if (!connected || text == null) {
      return connected;
    }
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
