package ai.hyperion.stream;

import static ai.hyperion.stream.PumpFixtures.limits;
import static ai.hyperion.stream.PumpFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.PumpFixtures.Ending;
import ai.hyperion.stream.PumpFixtures.Manual;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * The SSE channel's writer discipline, with a container whose tasks run when the test says: past
 * the response's first bytes the pump's thread never writes, the channel is not ready while its
 * writer runs, a normal end writes everything before ending the response, a drop writes nothing
 * more.
 */
class ServletSseChannelTest {

  /** A container whose {@code AsyncContext.start} tasks wait until the test runs them. */
  private static final class Container {
    final Queue<Runnable> tasks = new ArrayDeque<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean completed;

    HttpServletRequest request() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public boolean isReady() {
              return true; // as Open Liberty's stream in this mode always says
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {
              written.write(b);
            }
          };
      HttpServletResponse response =
          proxy(
              HttpServletResponse.class,
              (name, args) -> name.equals("getOutputStream") ? out : null);
      AsyncContext async =
          proxy(
              AsyncContext.class,
              (name, args) -> {
                switch (name) {
                  case "getResponse" -> {
                    return response;
                  }
                  case "start" -> tasks.add((Runnable) args[0]);
                  case "complete" -> completed = true;
                  default -> {}
                }
                return null;
              });
      return proxy(
          HttpServletRequest.class, (name, args) -> name.equals("getAsyncContext") ? async : null);
    }

    void runTasks() {
      for (Runnable task; (task = tasks.poll()) != null; ) {
        task.run();
      }
    }

    String text() {
      return written.toString(StandardCharsets.UTF_8);
    }
  }

  private interface Answer {
    Object answer(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              Object result = answer.answer(method.getName(), args);
              return result == null && method.getReturnType() == boolean.class ? false : result;
            }));
  }

  private static final class TextFormat implements StreamFormat {
    @Override
    public List<String> write(StreamEvent event) {
      return event instanceof StreamEvent.TextDelta t ? List.of(t.text()) : List.of();
    }

    @Override
    public String end() {
      return "[END]";
    }

    @Override
    public String error(GatewayError error) {
      return "[ERROR]";
    }
  }

  /** A stream opened on a fresh container, its pump started on a manual upstream. */
  private record Opened(
      Container container,
      ServletSseChannel channel,
      Ending ending,
      Manual upstream,
      StreamPump pump) {

    static Opened on(StreamTicker ticker) throws Exception {
      Container container = new Container();
      ServletSseChannel channel = ServletSseChannel.prepare(container.request());
      Ending ending = new Ending();
      Manual upstream = new Manual();
      StreamPump pump = new StreamPump(new TextFormat(), ending, limits(1024), ticker, "p");
      channel.open(Map.of(), pump);
      pump.start(upstream, channel);
      return new Opened(container, channel, ending, upstream, pump);
    }
  }

  @Test
  void theFirstBytesGoOutAtOnceLaterOnesOnlyFromTheWriterAndAllBeforeTheEnd() throws Exception {
    Opened stream = Opened.on(new StreamTicker());
    Container container = stream.container();
    Manual upstream = stream.upstream();
    upstream.subscriber.onNext(text("a"));
    assertEquals("a", container.text(), "the first bytes leave on the thread that brought them");
    assertTrue(container.tasks.isEmpty(), "no writer task for them");
    assertTrue(stream.channel().isReady());

    String large = "x".repeat(ServletSseChannel.INLINE_BYTES);
    upstream.subscriber.onNext(text(large));
    assertEquals("a", container.text(), "past the first bytes, nothing on the pump's thread");
    assertFalse(stream.channel().isReady(), "not ready while the writer has not run");
    upstream.subscriber.onNext(text("b"));
    upstream.subscriber.onComplete();
    container.runTasks();

    assertEquals("a" + large + "b[END]", container.text());
    assertTrue(container.completed, "the response ended after the last block was written");
    assertFalse(stream.ending().disconnected);
  }

  @Test
  void aStreamThatEndsWithinTheFirstBytesEndsWithoutAWriterTask() throws Exception {
    Opened stream = Opened.on(new StreamTicker());
    Container container = stream.container();
    Manual upstream = stream.upstream();
    upstream.subscriber.onNext(text("a"));
    upstream.subscriber.onNext(text("b"));
    upstream.subscriber.onComplete();

    assertEquals("ab[END]", container.text());
    assertTrue(container.completed, "the response ended on the thread that brought its end");
    assertTrue(container.tasks.isEmpty(), "no writer task for a response this short");
    assertFalse(stream.ending().disconnected);
  }

  @Test
  void aDroppedClientGetsNothingMoreAndItsResponseEnds() throws Exception {
    StreamTicker ticker = new StreamTicker();
    Opened stream = Opened.on(ticker);
    Container container = stream.container();
    Manual upstream = stream.upstream();
    // Past the bytes written inline: handed to a writer the container has not run yet.
    upstream.subscriber.onNext(text("a".repeat(ServletSseChannel.INLINE_BYTES + 1)));
    upstream.subscriber.onNext(text("b")); // waits in the pump's buffer

    stream.pump().tick(System.nanoTime() + Duration.ofSeconds(11).toNanos());
    assertEquals(1, ticker.stalledClientsDropped());
    long before = upstream.requested;
    upstream.subscriber.onNext(text("c"));
    assertEquals(before + 1, upstream.requested, "the upstream is read on after the drop");
    container.runTasks();

    assertEquals("", container.text(), "nothing more for a dropped client");
    assertTrue(container.completed);
    upstream.subscriber.onComplete();
    assertTrue(stream.ending().disconnected);
  }
}
