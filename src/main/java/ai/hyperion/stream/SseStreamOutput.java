package ai.hyperion.stream;

import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
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
import java.util.function.Consumer;

/**
 * Writes a stream of canonical events to the client as server-sent events, flushing each one as it
 * arrives. Requests one event at a time from the upstream (backpressure). If the client goes away
 * the upstream is still drained to its end, so usage is metered and nothing paid for is lost;
 * {@code onDone} receives the outcome either way.
 */
public final class SseStreamOutput implements StreamingOutput {

  /** How a stream ended, for metering. */
  public record Outcome(Usage usage, Throwable failure, boolean clientDisconnected) {}

  private static final Object COMPLETE = new Object();
  private static final long IDLE_TIMEOUT_SECONDS = 300;

  private final Flow.Publisher<StreamEvent> events;
  private final StreamFormat format;
  private final Consumer<Outcome> onDone;

  public SseStreamOutput(
      Flow.Publisher<StreamEvent> events, StreamFormat format, Consumer<Outcome> onDone) {
    this.events = events;
    this.format = format;
    this.onDone = onDone;
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
    boolean connected = true;
    Usage usage = null;
    Throwable failure = null;
    try {
      while (true) {
        Object next = queue.poll(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
          subscription[0].cancel();
          failure =
              new ai.hyperion.provider.ProviderException(
                  504,
                  "upstream_error",
                  "upstream_timeout",
                  null,
                  "The upstream sent nothing for " + IDLE_TIMEOUT_SECONDS + " seconds.",
                  true);
          connected = send(out, format.error(failure), connected);
          break;
        }
        if (next == COMPLETE) {
          connected = send(out, format.end(), connected);
          break;
        }
        if (next instanceof Failed f) {
          failure = f.failure();
          connected = send(out, format.error(failure), connected);
          break;
        }
        StreamEvent event = (StreamEvent) next;
        if (event instanceof StreamEvent.UsageReport report) {
          usage = report.usage();
        }
        for (String text : format.write(event)) {
          connected = send(out, text, connected);
        }
        subscription[0].request(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      subscription[0].cancel();
      failure = e;
    } finally {
      onDone.accept(new Outcome(usage, failure, !connected));
    }
  }

  private static boolean send(OutputStream out, String text, boolean connected) {
    if (!connected || text == null || text.isEmpty()) {
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
