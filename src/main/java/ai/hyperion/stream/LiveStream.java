package ai.hyperion.stream;

import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.StreamEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One in-flight stream as the live registry holds it: every event so far (appended by the
 * upstream's thread, read under the list's lock) and how it ended, so that {@code GET
 * /v1/requests/{id}} can show the answer so far or follow it live: a follower gets the events
 * already seen, then the rest as they arrive, then the end.
 *
 * <p>While nobody follows, a run of text (or reasoning) deltas of one choice is kept as one growing
 * piece of text, not as an event each: an answer of 1,000 chunks held ~75 KB as events and holds
 * about its characters this way. A follower who attaches later gets that run as one delta, with the
 * same text; from then on events are kept one by one, as it reads them by index.
 */
public final class LiveStream implements StreamObserver {

  private final String requestId;
  private final String orgId;
  private final Instant startedAt;
  private final String model;
  private final List<StreamEvent> events = new ArrayList<>();
  private final List<Follower> followers = new CopyOnWriteArrayList<>();
  private TextRun run;
  private volatile StreamEnd end;

  public LiveStream(String requestId, String orgId, Instant startedAt, String model) {
    this.requestId = requestId;
    this.orgId = orgId;
    this.startedAt = startedAt;
    this.model = model;
  }

  /**
   * A finished answer as a stream to follow: its events, then its end ({@code failure} null for a
   * clean end). Used to replay a stored answer the same way as a live one.
   */
  public static LiveStream replay(
      String requestId, String orgId, List<StreamEvent> events, Throwable failure) {
    LiveStream stream = new LiveStream(requestId, orgId, null, null);
    stream.events.addAll(events); // in the replay's own chunks: no run of text to gather
    stream.ended(new StreamEnd(null, null, failure, failure == null, false));
    return stream;
  }

  /** The model serving the stream (the catalog's name), or null. */
  public String model() {
    return model;
  }

  public String requestId() {
    return requestId;
  }

  public String orgId() {
    return orgId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** How the stream ended, or null while the upstream is still sending. */
  public StreamEnd end() {
    return end;
  }

  @Override
  public void event(StreamEvent event) {
    synchronized (events) {
      if (run != null && run.extendWith(event)) {
        return;
      }
      sealRun();
      run = followers.isEmpty() ? TextRun.startingWith(event) : null;
      if (run == null) {
        events.add(event);
      }
    }
    followers.forEach(Follower::drain);
  }

  @Override
  public void ended(StreamEnd end) {
    this.end = end;
    followers.forEach(Follower::drain);
  }

  /** The answer accumulated from the events so far. */
  public ChatResponse answerSoFar() {
    ChatAccumulator accumulator = new ChatAccumulator();
    for (StreamEvent event : snapshot(0)) {
      accumulator.accept(event);
    }
    return accumulator.answer();
  }

  /** The events so far, then the live ones, then the end (an error when it did not end well). */
  public Flow.Publisher<StreamEvent> follow() {
    return subscriber -> {
      Follower follower = new Follower(subscriber);
      synchronized (events) {
        sealRun();
        followers.add(follower);
      }
      subscriber.onSubscribe(follower);
      follower.drain();
    };
  }

  /** Ends the run of text being gathered: it becomes one event, and the next text starts anew. */
  private void sealRun() {
    if (run != null) {
      events.add(run.toEvent());
      run = null;
    }
  }

  private List<StreamEvent> snapshot(int from) {
    synchronized (events) {
      sealRun();
      return from >= events.size() ? List.of() : List.copyOf(events.subList(from, events.size()));
    }
  }

  private StreamEvent at(int index) {
    synchronized (events) {
      return events.get(index);
    }
  }

  private int size() {
    synchronized (events) {
      return events.size();
    }
  }

  /** Consecutive text or reasoning deltas of one choice, gathered as they arrive. */
  private static final class TextRun {
    private final boolean reasoning;
    private final int choice;
    private final StringBuilder text = new StringBuilder();

    private TextRun(boolean reasoning, int choice, String first) {
      this.reasoning = reasoning;
      this.choice = choice;
      text.append(first);
    }

    /** A run that starts with this event, or null when it is not a text or reasoning delta. */
    static TextRun startingWith(StreamEvent event) {
      if (event instanceof StreamEvent.TextDelta t) {
        return new TextRun(false, t.choice(), t.text());
      }
      if (event instanceof StreamEvent.ReasoningDelta r) {
        return new TextRun(true, r.choice(), r.text());
      }
      return null;
    }

    boolean extendWith(StreamEvent event) {
      if (!reasoning && event instanceof StreamEvent.TextDelta t && t.choice() == choice) {
        text.append(t.text());
        return true;
      }
      if (reasoning && event instanceof StreamEvent.ReasoningDelta r && r.choice() == choice) {
        text.append(r.text());
        return true;
      }
      return false;
    }

    StreamEvent toEvent() {
      return reasoning
          ? new StreamEvent.ReasoningDelta(choice, text.toString())
          : new StreamEvent.TextDelta(choice, text.toString());
    }
  }

  /** One follower's cursor and demand; signals are serialised by the work-in-progress counter. */
  private final class Follower implements Flow.Subscription {
    private final Flow.Subscriber<? super StreamEvent> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private int cursor;

    Follower(Flow.Subscriber<? super StreamEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        return;
      }
      demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      drain();
    }

    @Override
    public void cancel() {
      done.set(true);
      followers.remove(this);
    }

    void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      do {
        while (!done.get() && demand.get() > 0 && cursor < size()) {
          StreamEvent next = at(cursor);
          cursor++;
          demand.decrementAndGet();
          subscriber.onNext(next);
        }
        StreamEnd finished = end;
        if (!done.get()
            && finished != null
            && cursor >= size()
            && done.compareAndSet(false, true)) {
          followers.remove(this);
          if (finished.failure() != null) {
            subscriber.onError(finished.failure());
          } else {
            subscriber.onComplete();
          }
        }
      } while (wip.decrementAndGet() != 0);
    }
  }
}
