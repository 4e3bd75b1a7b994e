package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.testing.StreamCollector;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveStreamTest {

  @Test
  void aFollowerAttachedMidStreamGetsWhatWasSaidThenTheRestThenTheEnd() throws Exception {
    LiveStream stream = new LiveStream("req_1", "org_a", null, "gpt-4o");
    stream.event(new StreamEvent.Start("c", "gpt-4o", 1));
    stream.event(new StreamEvent.TextDelta(0, "Hel"));
    List<StreamEvent> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    stream
        .follow()
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                s.request(1);
              }

              @Override
              public void onNext(StreamEvent item) {
                seen.add(item);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onComplete() {
                done.countDown();
              }
            });
    assertEquals(1, seen.size(), "demand is honoured");
    subscription[0].request(10);
    stream.event(new StreamEvent.TextDelta(0, "lo"));
    assertEquals(3, seen.size());
    assertEquals("Hello", stream.answerSoFar().choices().get(0).message().text());
    assertNull(stream.end());
    stream.ended(new StreamEnd(null, null, null, true, false));
    assertTrue(done.await(1, TimeUnit.SECONDS));
  }

  @Test
  void aFollowerWhoAttachesLateGetsTheTextSoFarAsOneDeltaThenEachNewEventAsItCame() {
    LiveStream stream = new LiveStream("req_4", "org_a", null, "o3");
    stream.event(new StreamEvent.Start("c", "o3", 1));
    stream.event(new StreamEvent.ReasoningDelta(0, "Let me "));
    stream.event(new StreamEvent.ReasoningDelta(0, "think."));
    for (int i = 0; i < 1000; i++) {
      stream.event(new StreamEvent.TextDelta(0, "w" + i % 10 + " "));
    }
    stream.event(new StreamEvent.TextDelta(1, "second"));
    stream.event(new StreamEvent.TextDelta(0, "tail"));
    String text = stream.answerSoFar().choices().get(0).message().text();
    assertEquals(3004, text.length(), "every delta's text is kept, in order");
    assertTrue(text.startsWith("w0 w1 w2 ") && text.endsWith("w8 w9 tail"), text);

    List<StreamEvent> seen = StreamCollector.live(stream.follow());
    assertEquals(5, seen.size(), "runs of one kind and choice are one delta each");
    assertEquals(
        List.of(
            new StreamEvent.Start("c", "o3", 1),
            new StreamEvent.ReasoningDelta(0, "Let me think."),
            new StreamEvent.TextDelta(0, text.substring(0, 3000)),
            new StreamEvent.TextDelta(1, "second"),
            new StreamEvent.TextDelta(0, "tail")),
        seen,
        "runs of one kind and choice are one delta each, in the order they came");

    stream.event(new StreamEvent.TextDelta(0, " and"));
    stream.event(new StreamEvent.TextDelta(0, " more"));
    assertEquals(
        List.of(new StreamEvent.TextDelta(0, " and"), new StreamEvent.TextDelta(0, " more")),
        seen.subList(5, seen.size()),
        "with a follower attached, each event reaches it as it comes");
    assertEquals(text + " and more", stream.answerSoFar().choices().get(0).message().text());
  }

  @Test
  void aStoredAnswerIsReplayedInTheChunksItWasGiven() {
    List<StreamEvent> stored =
        List.of(
            new StreamEvent.Start("c", "gpt-4o", 1),
            new StreamEvent.TextDelta(0, "a first chunk of text, "),
            new StreamEvent.TextDelta(0, "then a second"),
            new StreamEvent.Finish(0, FinishReason.STOP));
    LiveStream replay = LiveStream.replay("req_5", "org_a", stored, null);
    assertEquals(stored, StreamCollector.live(replay.follow()));
  }

  @Test
  void anotherOrganisationDoesNotFindTheStream() {
    LiveStreams live = new LiveStreams();
    live.open("req_2", "org_a", null, null);
    assertTrue(live.find("org_a", "req_2").isPresent());
    assertTrue(live.find("org_b", "req_2").isEmpty());
    live.open("req_3", "org_a", Instant.parse("2026-01-01T00:00:00Z"), null);
    assertEquals(1, live.forgetStartedBefore(Instant.parse("2026-01-02T00:00:00Z")));
    assertTrue(live.find("org_a", "req_3").isEmpty());
    live.close("req_2");
    assertTrue(live.find("org_a", "req_2").isEmpty());
  }
}
