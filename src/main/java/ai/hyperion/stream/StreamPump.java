package ai.hyperion.stream;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.StreamEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves one stream of canonical events to a client without a thread of its own: upstream events,
 * the client becoming writable again, the client going away and the ticker's checks are signals;
 * whichever thread brings one runs the drain loop if no other thread is running it (the {@code wip}
 * counter serialises it), formats the events and writes what the channel accepts without blocking.
 *
 * <p>Backpressure: one upstream event is asked for at a time, and only while fewer than {@code
 * bufferBytes} characters wait for the client; beyond that the upstream read pauses. Nothing here
 * waits for a client: a block is handed to the channel only when it is ready, so a client that
 * stops reading leaves its bytes in this stream's bounded buffer, not a thread. One that leaves
 * them unread for {@code clientStall} is treated as gone (the ticker notices): its connection is
 * closed and the upstream is read to its end as for any disconnect, so what was paid for is still
 * metered and kept.
 *
 * <p>Every stream ends with a terminal block: the format's end after the upstream's own terminal
 * event, its error block otherwise (an upstream cut, a timeout, a failure of ours). Then the
 * channel is closed and the stream's {@link StreamEnding} hears whether the client was still there.
 */
public final class StreamPump implements Flow.Subscriber<StreamEvent>, StreamTicker.Ticking {

  private static final Object COMPLETED = new Object();
  private static final Object KEEP_ALIVE = new Object();
  private static final Object CLIENT_GONE = new Object();

  private record Failed(Throwable failure) {}

  /** A limit of ours expired: the upstream is cancelled and the client told why. */
  private record GaveUp(ProviderException reason) {}

  private final StreamFormat format;
  private final StreamEnding ending;
  private final StreamLimits settings;
  private final StreamTicker ticker;
  private final String provider;
  private ClientChannel channel;

  private final Queue<Object> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicBoolean keepAliveQueued = new AtomicBoolean();
  private final AtomicBoolean gaveUp = new AtomicBoolean();
  private final AtomicBoolean stallDropped = new AtomicBoolean();
  private final long startNanos = System.nanoTime();

  // Written by the drain loop only; volatile where the ticker reads them.
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private volatile long buffered;
  private volatile long waitingSinceNanos;
  private volatile long lastWriteNanos = startNanos;
  private volatile long blockedSinceNanos;
  private volatile boolean sawEvent;
  private volatile boolean clientGone;
  private volatile boolean finished;
  private Flow.Subscription subscription;
  private boolean upstreamDone;
  private boolean ended;
  private boolean unflushed = true;
  private Throwable writerFailure;

  public StreamPump(
      StreamFormat format,
      StreamEnding ending,
      StreamLimits settings,
      StreamTicker ticker,
      String provider) {
    this.format = format;
    this.ending = ending;
    this.settings = settings;
    this.ticker = ticker;
    this.provider = provider == null ? "upstream" : provider;
  }

  /**
   * Starts moving {@code events} to {@code channel}. The channel's first write carries the status
   * line and headers, sent at once: the client knows the stream was accepted before any event.
   */
  public void start(Flow.Publisher<StreamEvent> events, ClientChannel channel) {
    this.channel = channel;
    ticker.register(this);
    events.subscribe(this);
    drain();
  }

  /** Whether the client went away (or was dropped for not reading) before the end. */
  public boolean clientDisconnected() {
    return clientGone;
  }

  /** The channel can take more: called by the channel after it reported not ready. */
  public void writable() {
    drain();
  }

  /** The client went away: the rest of the upstream is read and dropped. */
  public void clientGone() {
    inbox.add(CLIENT_GONE);
    drain();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    inbox.add(s);
    drain();
  }

  @Override
  public void onNext(StreamEvent event) {
    inbox.add(event);
    drain();
  }

  @Override
  public void onError(Throwable failure) {
    inbox.add(new Failed(failure));
    drain();
  }

  @Override
  public void onComplete() {
    inbox.add(COMPLETED);
    drain();
  }

  @Override
  public void tick(long now) {
    if (finished) {
      return;
    }
    long waiting = waitingSinceNanos;
    if (waiting != 0 && !gaveUp.get()) {
      if (!sawEvent && now - startNanos > settings.firstEvent().toNanos()) {
        giveUp(
            ProviderException.streamTimeout(
                provider, "did not send its first event within", settings.firstEvent()));
      } else if (sawEvent && now - waiting > settings.idle().toNanos()) {
        giveUp(ProviderException.idleTimeout(provider, settings.idle()));
      }
    }
    if (now - startNanos > settings.total().toNanos() && !gaveUp.get()) {
      giveUp(
          ProviderException.streamTimeout(provider, "streamed for longer than", settings.total()));
    }
    if (clientGone) {
      return;
    }
    long blocked = blockedSinceNanos;
    if (blocked != 0 && now - blocked > settings.clientStall().toNanos()) {
      if (stallDropped.compareAndSet(false, true)) {
        ticker.stalledClientDropped();
        clientGone();
      }
    } else if (now - lastWriteNanos > settings.keepAlive().toNanos()
        && keepAliveQueued.compareAndSet(false, true)) {
      inbox.add(KEEP_ALIVE);
      drain();
    }
  }

  @Override
  public long buffered() {
    return buffered;
  }

  private void giveUp(ProviderException timeout) {
    if (gaveUp.compareAndSet(false, true)) {
      inbox.add(new GaveUp(timeout));
      drain();
    }
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!finished) {
        step();
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    if (channel == null) {
      return; // the channel reported writable before start() handed it over: start drains again
    }
    for (Object signal; (signal = inbox.poll()) != null; ) {
      handle(signal);
    }
    if (!clientGone) {
      write();
    }
    if (ended && (clientGone || (outbox.isEmpty() && !unflushed))) {
      finish();
      return;
    }
    askForMore();
  }

  private void handle(Object signal) {
    if (signal instanceof Flow.Subscription s) {
      subscription = s;
    } else if (signal instanceof StreamEvent event) {
      waitingSinceNanos = 0;
      sawEvent = true;
      if (!ended && !clientGone) {
        try {
          format.write(event).forEach(this::queue);
        } catch (RuntimeException formatBug) {
          subscription.cancel();
          upstreamDone = true;
          end(formatBug, formatBug);
        }
      }
    } else if (signal == COMPLETED) {
      upstreamDone = true;
      if (!ended) {
        ended = true;
        queue(format.end());
      }
    } else if (signal instanceof Failed f) {
      upstreamDone = true;
      end(f.failure(), null);
    } else if (signal instanceof GaveUp g) {
      if (!upstreamDone) {
        upstreamDone = true;
        subscription.cancel();
        end(g.reason(), g.reason());
      }
    } else if (signal == KEEP_ALIVE) {
      keepAliveQueued.set(false);
      if (!ended && outbox.isEmpty()) {
        queue(format.keepAlive());
      }
    } else if (signal == CLIENT_GONE && !clientGone) {
      clientGone = true;
      // From here the upstream read is bounded (size and time, stream.DrainLimit).
      ending.clientGone();
      channel.drop();
      outbox.clear();
      buffered = 0;
      blockedSinceNanos = 0;
    }
  }

  private void end(Throwable failure, Throwable ours) {
    if (!ended) {
      ended = true;
      writerFailure = ours;
      queue(format.error(GatewayError.of(failure)));
    }
  }

  private void queue(String text) {
    if (text != null && !text.isEmpty() && !clientGone) {
      outbox.add(text);
      buffered += text.length();
    }
  }

  private void write() {
    try {
      while (!outbox.isEmpty()) {
        if (!channel.isReady()) {
          blocked();
          return;
        }
        String text = outbox.poll();
        buffered -= text.length();
        channel.send(text);
        unflushed = true;
      }
      if (unflushed) {
        if (!channel.isReady()) {
          blocked();
          return;
        }
        channel.flush();
        unflushed = false;
        lastWriteNanos = System.nanoTime();
      }
      blockedSinceNanos = 0;
    } catch (IOException | IllegalStateException gone) {
      // The connection is closed (or the container gave up on it): the client went away.
      handle(CLIENT_GONE);
    }
  }

  private void blocked() {
    if (blockedSinceNanos == 0) {
      blockedSinceNanos = System.nanoTime();
    }
  }

  private void askForMore() {
    if (subscription == null || upstreamDone || ended || waitingSinceNanos != 0) {
      return;
    }
    if (clientGone || buffered < settings.bufferBytes()) {
      waitingSinceNanos = System.nanoTime();
      subscription.request(1);
    }
  }

  private void finish() {
    finished = true;
    ticker.unregister(this);
    channel.close();
    ending.delivered(clientGone, writerFailure);
  }
}
