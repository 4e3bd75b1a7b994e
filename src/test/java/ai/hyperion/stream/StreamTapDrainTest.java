package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.stream.PumpFixtures.Manual;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upstream read after a client disconnect: bounded, metered, and what arrived is kept. */
class StreamTapDrainTest {

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  private static final class Writer implements Flow.Subscriber<StreamEvent> {
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(StreamEvent item) {
      events.add(item);
    }

    @Override
    public void onError(Throwable t) {
      failure.set(t);
      done.countDown();
    }

    @Override
    public void onComplete() {
      done.countDown();
    }
  }

  private StreamTap tap(Manual upstream, DrainLimit limit) {
    return new StreamTap(
        upstream,
        new StreamTap.Options(
            StreamObserver.NONE, limit, timers, answer -> new Usage(11, answer.choices().size())));
  }

  @Test
  void pastTheSizeBoundAfterADisconnectTheUpstreamIsCutAndWhatArrivedIsKept() throws Exception {
    Manual upstream = new Manual();
    StreamTap tap = tap(upstream, new DrainLimit(null, 10));
    Writer writer = new Writer();
    tap.subscribe(writer);
    upstream.subscriber.onNext(new StreamEvent.Start("c1", "m", 1));
    upstream.subscriber.onNext(new StreamEvent.TextDelta(0, "0123456789ABCDEF"));
    tap.clientGone();
    upstream.subscriber.onNext(new StreamEvent.TextDelta(0, "hello"));
    assertFalse(upstream.cancelled, "within the bound the upstream is still read");
    upstream.subscriber.onNext(new StreamEvent.TextDelta(0, "world!"));

    assertTrue(upstream.cancelled);
    assertTrue(writer.done.await(1, TimeUnit.SECONDS));
    assertEquals("drain_limit_exceeded", ((ProviderException) writer.failure.get()).code());
    tap.delivered(true, null);
    StreamEnd end = tap.ended().toCompletableFuture().get();
    assertFalse(end.complete());
    assertTrue(end.clientDisconnected());
    assertEquals("0123456789ABCDEFhelloworld!", end.answer().choices().get(0).message().text());
    assertEquals(new Usage(11, 1), end.usage(), "no upstream usage: the estimate is charged");
  }

  @Test
  void pastTheDurationBoundAfterADisconnectTheUpstreamIsCut() throws Exception {
    Manual upstream = new Manual();
    StreamTap tap = tap(upstream, new DrainLimit(Duration.ofMillis(100), Long.MAX_VALUE));
    Writer writer = new Writer();
    tap.subscribe(writer);
    upstream.subscriber.onNext(new StreamEvent.TextDelta(0, "a"));
    Thread.sleep(200);
    assertFalse(upstream.cancelled, "no bound while the client is there");
    tap.clientGone();

    assertTrue(writer.done.await(5, TimeUnit.SECONDS));
    assertTrue(upstream.cancelled);
    upstream.subscriber.onNext(new StreamEvent.TextDelta(0, "late"));
    assertEquals(1, writer.events.size(), "nothing passes after the cut");
  }

  @Test
  void aStreamThatEndsWithinTheBoundsIsCompleteWithTheUpstreamsUsage() throws Exception {
    Manual upstream = new Manual();
    StreamTap tap = tap(upstream, new DrainLimit(Duration.ofSeconds(5), 1000));
    Writer writer = new Writer();
    tap.subscribe(writer);
    upstream.subscriber.onNext(new StreamEvent.TextDelta(0, "a"));
    tap.clientGone();
    upstream.subscriber.onNext(new StreamEvent.Finish(0, FinishReason.STOP));
    upstream.subscriber.onNext(new StreamEvent.UsageReport(new Usage(3, 4)));
    upstream.subscriber.onComplete();
    tap.delivered(true, null);

    StreamEnd end = tap.ended().toCompletableFuture().get();
    assertTrue(end.complete());
    assertNull(end.failure());
    assertEquals(new Usage(3, 4), end.usage());
    assertFalse(upstream.cancelled);
  }
}
