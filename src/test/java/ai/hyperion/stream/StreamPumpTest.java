package ai.hyperion.stream;

import static ai.hyperion.stream.PumpFixtures.limits;
import static ai.hyperion.stream.PumpFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.PumpFixtures.Ending;
import ai.hyperion.stream.PumpFixtures.Manual;
import ai.hyperion.testing.ListPublisher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPumpTest {

  /** Writes each event as its text delta; the end and errors as recognisable blocks. */
  private static final class Format implements StreamFormat {
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
      return "[ERROR " + error.status() + " " + error.code() + "]";
    }
  }

  private static final class Channel implements ClientChannel {
    final List<String> sent = new ArrayList<>();
    boolean ready = true;
    boolean closed;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void send(String text) {
      sent.add(text);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void eventsThenTheEndBlockThenTheChannelIsClosed() {
    Channel channel = new Channel();
    Ending ending = new Ending();
    new StreamPump(new Format(), ending, limits(1024), new StreamTicker(), "p")
        .start(new ListPublisher<>(List.of(text("a"), text("b"))), channel);

    assertEquals(List.of("a", "b", "[END]"), channel.sent);
    assertTrue(channel.closed);
    assertFalse(ending.disconnected);
    assertNull(ending.failure);
  }

  @Test
  void anUpstreamFailureEndsWithTheErrorBlockNeverTheEnd() {
    Channel channel = new Channel();
    new StreamPump(new Format(), new Ending(), limits(1024), new StreamTicker(), "p")
        .start(new ListPublisher<>(List.of(text("a")), ProviderException.truncated("p")), channel);

    assertEquals(List.of("a", "[ERROR 502 stream_truncated]"), channel.sent);
  }

  @Test
  void aClientThatDoesNotTakeMoreStopsTheUpstreamReadAtTheBufferBound() {
    Channel channel = new Channel();
    channel.ready = false;
    Manual upstream = new Manual();
    StreamTicker ticker = new StreamTicker();
    StreamPump pump = new StreamPump(new Format(), new Ending(), limits(1024), ticker, "p");
    pump.start(upstream, channel);
    for (int i = 0; i < 4; i++) {
      upstream.subscriber.onNext(text("x".repeat(300)));
    }
    // 4 x 300 characters reach the 1024 bound: the fifth request was never made.
    assertEquals(4, upstream.requested);
    assertTrue(channel.sent.isEmpty());
    assertEquals(1200, ticker.bufferedMax(), "what the stream holds, on the gauges");
    assertEquals(1200, ticker.bufferedTotal());

    channel.ready = true;
    pump.writable();
    assertEquals(4, channel.sent.size());
    assertEquals(5, upstream.requested, "reading resumes once the client took the buffer");
    assertEquals(0, ticker.bufferedMax());
  }

  @Test
  void aGoneClientStillHasTheUpstreamReadToItsEnd() {
    Channel channel = new Channel();
    Ending ending = new Ending();
    Manual upstream = new Manual();
    StreamPump pump = new StreamPump(new Format(), ending, limits(1024), new StreamTicker(), "p");
    pump.start(upstream, channel);
    upstream.subscriber.onNext(text("a"));
    pump.clientGone();
    upstream.subscriber.onNext(text("b"));
    upstream.subscriber.onNext(text("c"));
    assertEquals(4, upstream.requested, "one request per event, whatever the client");
    upstream.subscriber.onComplete();

    assertEquals(List.of("a"), channel.sent);
    assertTrue(ending.disconnected);
    assertTrue(channel.closed);
  }

  @Test
  void aSilentUpstreamIsCutWithATimeoutErrorAndKeepAlivesFillTheWait() throws IOException {
    Channel channel = new Channel();
    Ending ending = new Ending();
    Manual upstream = new Manual();
    StreamPump pump = new StreamPump(new Format(), ending, limits(1024), new StreamTicker(), "p");
    pump.start(upstream, channel);
    upstream.subscriber.onNext(text("a"));
    long now = System.nanoTime();

    pump.tick(now + Duration.ofSeconds(16).toNanos());
    assertEquals(List.of("a", ": keep-alive\n\n"), channel.sent);

    pump.tick(now + Duration.ofSeconds(31).toNanos());
    assertTrue(upstream.cancelled);
    assertEquals("[ERROR 504 upstream_idle_timeout]", channel.sent.get(2), "as the upstream's own");
    assertTrue(channel.closed);
    assertFalse(ending.disconnected);
    assertEquals("Provider 'p' stopped sending the stream for 30 s.", ending.failure.getMessage());
  }

  @Test
  void anUpstreamThatNeverSendsItsFirstEventIsCutAtTheFirstEventLimit() {
    Channel channel = new Channel();
    Ending ending = new Ending();
    Manual upstream = new Manual();
    StreamPump pump = new StreamPump(new Format(), ending, limits(1024), new StreamTicker(), "p");
    pump.start(upstream, channel);
    long now = System.nanoTime();

    pump.tick(now + Duration.ofSeconds(59).toNanos());
    assertFalse(upstream.cancelled, "within the 60 s first-event limit");
    pump.tick(now + Duration.ofSeconds(61).toNanos());
    assertTrue(upstream.cancelled);
    assertEquals("[ERROR 504 upstream_timeout]", channel.sent.get(channel.sent.size() - 1));
    assertEquals(
        "Provider 'p' did not send its first event within 60 s.", ending.failure.getMessage());
  }

  @Test
  void aClientThatLeavesItsBufferUnreadPastTheStallLimitIsDropped() {
    Channel channel = new Channel();
    Ending ending = new Ending();
    Manual upstream = new Manual();
    StreamTicker ticker = new StreamTicker();
    StreamPump pump = new StreamPump(new Format(), ending, limits(1024), ticker, "p");
    pump.start(upstream, channel);
    channel.ready = false;
    upstream.subscriber.onNext(text("a"));
    long now = System.nanoTime();
    pump.tick(now + Duration.ofSeconds(9).toNanos());
    assertFalse(pump.clientDisconnected(), "within the 10 s stall limit");

    pump.tick(now + Duration.ofSeconds(11).toNanos());
    pump.tick(now + Duration.ofSeconds(12).toNanos());
    assertTrue(pump.clientDisconnected());
    assertTrue(channel.closed);
    assertEquals(1, ticker.stalledClientsDropped(), "one drop, counted once");
    assertEquals(0, ticker.bufferedMax(), "nothing kept for a dropped client");
    upstream.subscriber.onNext(text("b"));
    assertEquals(3, upstream.requested, "the upstream is read on after the drop");
    upstream.subscriber.onComplete();
    assertTrue(ending.disconnected);
    assertTrue(channel.sent.isEmpty());
  }
}
