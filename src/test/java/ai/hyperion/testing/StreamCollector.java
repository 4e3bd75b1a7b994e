package ai.hyperion.testing;

import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.sse.ChunkDecoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The one way tests read a stream of {@link StreamEvent}s, whether it comes from a publisher (an
 * adapter's or the gateway's stream) or from raw upstream bytes fed through a {@link ChunkDecoder}.
 */
public final class StreamCollector {

  /** What a stream produced, in order, and how it ended. */
  public record Collected(List<StreamEvent> events, boolean finished, Throwable failure) {

    public String text() {
      return only(StreamEvent.TextDelta.class).stream()
          .map(StreamEvent.TextDelta::text)
          .collect(Collectors.joining());
    }

    public String reasoning() {
      return only(StreamEvent.ReasoningDelta.class).stream()
          .map(StreamEvent.ReasoningDelta::text)
          .collect(Collectors.joining());
    }

    /** The concatenated argument fragments of tool call {@code index}. */
    public String arguments(int index) {
      return only(StreamEvent.ToolCallDelta.class).stream()
          .filter(d -> d.index() == index)
          .map(StreamEvent.ToolCallDelta::argumentsFragment)
          .collect(Collectors.joining());
    }

    public <T extends StreamEvent> List<T> only(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  private StreamCollector() {}

  /**
   * Subscribes one event at a time and waits up to ten seconds for the end; {@code finished} is
   * true when the publisher completed normally.
   */
  public static Collected drain(Flow.Publisher<StreamEvent> publisher) {
    List<StreamEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          private Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(StreamEvent item) {
            events.add(item);
            subscription.request(1);
          }

          @Override
          public void onError(Throwable failure) {
            end.complete(failure);
          }

          @Override
          public void onComplete() {
            end.complete(null);
          }
        });
    Throwable failure;
    try {
      failure = end.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream did not end within 10 s", e);
    }
    return new Collected(List.copyOf(events), failure == null, failure);
  }

  /**
   * Subscribes with unbounded demand and returns at once the list the events land in as they
   * arrive, for a test that goes on feeding the stream; a failure lands there as a text delta of
   * choice -1 naming it.
   */
  public static List<StreamEvent> live(Flow.Publisher<StreamEvent> publisher) {
    List<StreamEvent> events = new CopyOnWriteArrayList<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(StreamEvent item) {
            events.add(item);
          }

          @Override
          public void onError(Throwable failure) {
            events.add(new StreamEvent.TextDelta(-1, "failed: " + failure));
          }

          @Override
          public void onComplete() {}
        });
    return events;
  }

  /**
   * Feeds {@code body} to {@code decoder} in pieces of {@code chunkSize} bytes, as a network read
   * would; a decoder failure ends the collection and is kept as {@code failure}.
   */
  public static Collected decode(ChunkDecoder decoder, byte[] body, int chunkSize) {
    List<StreamEvent> events = new ArrayList<>();
    try {
      for (int at = 0; at < body.length; at += chunkSize) {
        decoder.feed(ByteBuffer.wrap(body, at, Math.min(chunkSize, body.length - at)), events::add);
      }
      decoder.finish(events::add);
      return new Collected(events, decoder.finished(), null);
    } catch (RuntimeException e) {
      return new Collected(events, decoder.finished(), e);
    }
  }

  public static Collected decode(ChunkDecoder decoder, byte[] body) {
    return decode(decoder, body, Math.max(1, body.length));
  }
}
