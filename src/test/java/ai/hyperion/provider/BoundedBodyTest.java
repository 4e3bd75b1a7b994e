package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A collected upstream body never grows beyond its cap. */
class BoundedBodyTest {

  private static final Duration LONG = Duration.ofMinutes(5);

  private static Flow.Publisher<List<ByteBuffer>> body(SubmissionPublisher<List<ByteBuffer>> p) {
    return p;
  }

  @Test
  void anAnswerOverTheCapFailsAs502InsteadOfBeingHeldWhole() throws Exception {
    try (SubmissionPublisher<List<ByteBuffer>> upstream = new SubmissionPublisher<>()) {
      var collected =
          BoundedBody.collect(
              "fake", body(upstream), 10, false, LONG, System.nanoTime() + LONG.toNanos());
      upstream.submit(List.of(ByteBuffer.wrap(new byte[6])));
      upstream.submit(List.of(ByteBuffer.wrap(new byte[6])));

      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> collected.get(30, TimeUnit.SECONDS));
      ProviderException e = assertInstanceOf(ProviderException.class, failed.getCause());
      assertEquals(502, e.status());
      assertEquals("bad_upstream_response", e.code());
    }
  }

  @Test
  void anErrorBodyOverTheCapKeepsItsFirstBytes() throws Exception {
    try (SubmissionPublisher<List<ByteBuffer>> upstream = new SubmissionPublisher<>()) {
      var collected =
          BoundedBody.collect(
              "fake", body(upstream), 4, true, LONG, System.nanoTime() + LONG.toNanos());
      upstream.submit(
          List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(new byte[] {4, 5})));

      assertArrayEquals(new byte[] {1, 2, 3, 4}, collected.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aBodyStillArrivingFailsAs504AtItsDeadlineThoughNeverIdle() throws Exception {
    try (SubmissionPublisher<List<ByteBuffer>> upstream = new SubmissionPublisher<>()) {
      long start = System.nanoTime();
      var collected = collect(upstream, Duration.ofSeconds(5), start + ms(300));
      while (!collected.isDone() && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
        upstream.submit(List.of(ByteBuffer.wrap(new byte[1])));
        Thread.sleep(20);
      }

      assertTimedOut(collected);
      long took = System.nanoTime() - start;
      assertTrue(took >= ms(300), "not before the deadline: " + took);
      assertTrue(took < Duration.ofSeconds(5).toNanos(), "at the deadline, not the idle limit");
    }
  }

  @Test
  void aSilentBodyFailsAs504OnceIdleForTheIdleLimit() throws Exception {
    try (SubmissionPublisher<List<ByteBuffer>> upstream = new SubmissionPublisher<>()) {
      long start = System.nanoTime();
      var collected = collect(upstream, Duration.ofMillis(200), start + LONG.toNanos());
      Thread.sleep(120);
      upstream.submit(List.of(ByteBuffer.wrap(new byte[1])));
      long lastRead = System.nanoTime();

      assertTimedOut(collected);
      long quiet = System.nanoTime() - lastRead;
      assertTrue(quiet >= ms(190), "the read restarted the window");
    }
  }

  private static CompletableFuture<byte[]> collect(
      SubmissionPublisher<List<ByteBuffer>> upstream, Duration idle, long deadlineNanos) {
    return BoundedBody.collect("fake", body(upstream), 1 << 20, false, idle, deadlineNanos);
  }

  private static void assertTimedOut(CompletableFuture<byte[]> collected) {
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> collected.get(30, TimeUnit.SECONDS));
    assertEquals(504, assertInstanceOf(ProviderException.class, failed.getCause()).status());
  }

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }
}
