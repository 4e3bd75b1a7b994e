package ai.hyperion.stream;

import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Sits between an upstream stream and the one writer that delivers it: passes every event and
 * signal through unchanged (backpressure included) and accumulates the canonical answer, so that
 * policy settlement, cache write-back and completion know what the stream produced when it ends.
 * State is written by the upstream's signals, which the Flow contract serialises, and read after
 * the writer's {@link #delivered} report, which comes after the last signal it received.
 *
 * <p>With {@link Options}: an observer sees each event (the live registry), the upstream read after
 * the client left ({@link #clientGone}) is bounded by a {@link DrainLimit}, and an answer whose
 * upstream reported no usage (cut before its usage chunk) gets an estimated one, so what the
 * upstream produced is still charged.
 */
public final class StreamTap implements Flow.Processor<StreamEvent, StreamEvent>, StreamEnding {

  /**
   * What a tap does besides passing events through.
   *
   * @param observer sees every event and the end
   * @param drain the bound on the upstream read after the client left
   * @param timers runs the drain's duration bound; null for none
   * @param estimate the usage of an answer the upstream reported none for; null for none
   */
  public record Options(
      StreamObserver observer,
      DrainLimit drain,
      ScheduledExecutorService timers,
      Function<ChatResponse, Usage> estimate) {

    public static final Options NONE =
        new Options(StreamObserver.NONE, DrainLimit.UNBOUNDED, null, null);
  }

  private final Flow.Publisher<StreamEvent> upstream;
  private final Options options;
  private final ChatAccumulator answer = new ChatAccumulator();
  private final CompletableFuture<StreamEnd> ended = new CompletableFuture<>();
  private final AtomicBoolean cut = new AtomicBoolean();
  private Flow.Subscriber<? super StreamEvent> downstream;
  private volatile Flow.Subscription subscription;
  private volatile boolean upstreamCompleted;
  private volatile Throwable upstreamFailure;
  private volatile boolean gone;
  private volatile ScheduledFuture<?> drainTimer;
  private long charsAfterGone;

  public StreamTap(Flow.Publisher<StreamEvent> upstream) {
    this(upstream, Options.NONE);
  }

  public StreamTap(Flow.Publisher<StreamEvent> upstream, Options options) {
    this.upstream = upstream;
    this.options = options;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    if (downstream != null) {
      subscriber.onSubscribe(NO_SUBSCRIPTION);
      subscriber.onError(new IllegalStateException("a stream is delivered once"));
      return;
    }
    downstream = subscriber;
    upstream.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    downstream.onSubscribe(subscription);
  }

  @Override
  public void onNext(StreamEvent event) {
    if (cut.get()) {
      return;
    }
    answer.accept(event);
    options.observer().event(event);
    if (gone) {
      charsAfterGone += chars(event);
      if (charsAfterGone > options.drain().maxChars()) {
        cutUpstream("size");
        return;
      }
    }
    downstream.onNext(event);
  }

  @Override
  public void onError(Throwable failure) {
    if (cut.compareAndSet(false, true)) {
      upstreamFailure = failure;
      downstream.onError(failure);
    }
  }

  @Override
  public void onComplete() {
    if (cut.compareAndSet(false, true)) {
      upstreamCompleted = true;
      downstream.onComplete();
    }
  }

  /**
   * The writer saw its client go away: from now on the upstream is read only to meter and keep the
   * answer, within the drain limit.
   */
  @Override
  public void clientGone() {
    if (gone) {
      return;
    }
    gone = true;
    if (options.drain().maxDuration() != null && options.timers() != null) {
      drainTimer =
          options
              .timers()
              .schedule(
                  () -> cutUpstream("duration"),
                  options.drain().maxDuration().toMillis(),
                  TimeUnit.MILLISECONDS);
    }
  }

  /** Cancels the upstream and fails the stream downstream, once, whichever bound came first. */
  private void cutUpstream(String bound) {
    if (!cut.compareAndSet(false, true)) {
      return;
    }
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    Throwable failure = DrainLimit.exceeded(bound);
    upstreamFailure = failure;
    downstream.onError(failure);
  }

  @Override
  public void delivered(boolean clientDisconnected, Throwable writerFailure) {
    ScheduledFuture<?> timer = drainTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    Throwable failure = writerFailure != null ? writerFailure : upstreamFailure;
    boolean complete = failure == null && upstreamCompleted && answer.finished();
    ChatResponse whole = answer.answer();
    Usage usage = answer.usage();
    if (usage == null && options.estimate() != null && !whole.choices().isEmpty()) {
      usage = options.estimate().apply(whole);
    }
    StreamEnd end = new StreamEnd(whole, usage, failure, complete, clientDisconnected || gone);
    options.observer().ended(end);
    ended.complete(end);
  }

  @Override
  public CompletionStage<StreamEnd> ended() {
    return ended;
  }

  private static long chars(StreamEvent event) {
    if (event instanceof StreamEvent.TextDelta text) {
      return text.text().length();
    }
    if (event instanceof StreamEvent.ReasoningDelta reasoning) {
      return reasoning.text().length();
    }
    if (event instanceof StreamEvent.ToolCallDelta call && call.argumentsFragment() != null) {
      return call.argumentsFragment().length();
    }
    return 0;
  }

  private static final Flow.Subscription NO_SUBSCRIPTION =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      };
}
