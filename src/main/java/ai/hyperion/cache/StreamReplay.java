package ai.hyperion.cache;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cached answer as the canonical event stream an upstream would have produced, so every client
 * dialect writes a valid stream from a hit: {@link StreamEvent.Start}, per choice its text in
 * chunks and its tool calls (a start delta with id and name, then the arguments), one {@link
 * StreamEvent.Finish} per choice, then {@link StreamEvent.UsageReport} when the answer has usage
 * (the dialect shows it only to clients that asked).
 */
public final class StreamReplay {

  /** Characters per text delta: the size of a typical upstream chunk, not one huge delta. */
  static final int CHUNK = 64;

  private StreamReplay() {}

  public static List<StreamEvent> events(ChatResponse response) {
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.Start(response.id(), response.model(), response.created()));
    for (ChatResponse.Choice choice : response.choices()) {
      ChatMessage message = choice.message();
      String text = message.text();
      if (text != null) {
        int start = 0;
        while (start < text.length()) {
          int end = Math.min(text.length(), start + CHUNK);
          if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
          }
          events.add(new StreamEvent.TextDelta(choice.index(), text.substring(start, end)));
          start = end;
        }
      }
      List<ToolCall> calls = message.toolCalls();
      for (int i = 0; i < calls.size(); i++) {
        ToolCall call = calls.get(i);
        events.add(new StreamEvent.ToolCallDelta(choice.index(), i, call.id(), call.name(), ""));
        if (call.arguments() != null && !call.arguments().isEmpty()) {
          events.add(
              new StreamEvent.ToolCallDelta(choice.index(), i, null, null, call.arguments()));
        }
      }
      FinishReason reason =
          choice.finishReason() == null ? FinishReason.STOP : choice.finishReason();
      events.add(new StreamEvent.Finish(choice.index(), reason));
    }
    if (response.usage() != null) {
      events.add(new StreamEvent.UsageReport(response.usage()));
    }
    return List.copyOf(events);
  }

  /** The events as a publisher that honours demand; each subscriber gets the whole sequence. */
  public static Flow.Publisher<StreamEvent> publisher(ChatResponse response) {
    List<StreamEvent> events = events(response);
    return subscriber -> subscriber.onSubscribe(new ListSubscription(events, subscriber));
  }

  /** Emits a fixed list under Reactive Streams rules (no reentrant recursion, demand capped). */
  private static final class ListSubscription implements Flow.Subscription {
    private final List<StreamEvent> events;
    private final Flow.Subscriber<? super StreamEvent> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private int next;

    ListSubscription(List<StreamEvent> events, Flow.Subscriber<? super StreamEvent> subscriber) {
      this.events = events;
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("request(" + n + "): must be positive"));
        return;
      }
      if (demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b) > 0) {
        return; // another call is draining and will see the new demand
      }
      long emitted = 0;
      while (true) {
        long wanted = demand.get();
        while (emitted < wanted && next < events.size() && !cancelled.get()) {
          subscriber.onNext(events.get(next++));
          emitted++;
        }
        if (cancelled.get()) {
          return;
        }
        if (next == events.size()) {
          if (cancelled.compareAndSet(false, true)) {
            subscriber.onComplete();
          }
          return;
        }
        if (demand.addAndGet(-emitted) == 0) {
          return;
        }
        emitted = 0;
      }
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }
}
