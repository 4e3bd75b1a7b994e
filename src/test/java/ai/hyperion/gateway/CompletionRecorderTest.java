package ai.hyperion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RequestTrace;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.FakeInvocation;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** One completion per request, with the true status, through the completion interceptor. */
class CompletionRecorderTest {

  private final List<RequestCompleted> fired = new ArrayList<>();
  private int internalErrors;

  private final CompletionRecorder recorder =
      new CompletionRecorder(
          new Event<>() {
            @Override
            public void fire(RequestCompleted event) {
              fired.add(event);
            }

            @Override
            public <U extends RequestCompleted> CompletionStage<U> fireAsync(U event) {
              throw new AssertionError("completion is synchronous");
            }

            @Override
            public <U extends RequestCompleted> CompletionStage<U> fireAsync(
                U event, NotificationOptions options) {
              throw new AssertionError("completion is synchronous");
            }

            @Override
            public Event<RequestCompleted> select(Annotation... qualifiers) {
              return this;
            }

            @Override
            public <U extends RequestCompleted> Event<U> select(
                Class<U> subtype, Annotation... qualifiers) {
              throw new UnsupportedOperationException();
            }

            @Override
            public <U extends RequestCompleted> Event<U> select(
                TypeLiteral<U> subtype, Annotation... qualifiers) {
              throw new UnsupportedOperationException();
            }
          },
          new GatewayMetrics() {
            @Override
            public void internalError() {
              internalErrors++;
            }
          });

  private void invoke(ChatCall call, Object result) throws Exception {
    CompletionInterceptor interceptor = new CompletionInterceptor();
    interceptor.recorder = recorder;
    CompletionStage<?> stage =
        (CompletionStage<?>)
            interceptor.complete(
                new FakeInvocation(
                    call,
                    () ->
                        result instanceof Throwable t
                            ? CompletableFuture.failedFuture(t)
                            : CompletableFuture.completedFuture(result)));
    stage.handle((value, failure) -> null).toCompletableFuture().get();
  }

  @Test
  void anAnswerIsReportedOnceAsA200WithItsUsage() throws Exception {
    ChatCall call = Calls.chat("gpt-4o");
    invoke(call, new ChatResult.Complete(Calls.answer("Hi", new Usage(3, 2))));
    recorder.failed(call.exchange(), new IllegalStateException("reported again"));

    assertEquals(1, fired.size());
    RequestCompleted completed = fired.get(0);
    assertEquals(200, completed.status());
    assertNull(completed.error());
    assertEquals(5, completed.usage().totalTokens());
    assertEquals("Hi", completed.answer().choices().get(0).message().text());
    assertEquals("/v1/chat/completions", completed.endpoint());
    assertEquals(0, internalErrors);
  }

  @Test
  void aTracedStreamEndsItsTraceOnceWhenItEndsAfterItsWriteStage() throws Exception {
    ChatCall call = Calls.chat("gpt-4o", true, List.of());
    List<String> traced = new ArrayList<>();
    call.exchange()
        .trace(
            new RequestTrace() {
              @Override
              public void stage(Stage stage, long startEpochNanos, long durationNanos) {
                traced.add(stage.metricName());
              }

              @Override
              public Attempt attempt(String provider, String model, RouteMode mode) {
                throw new AssertionError("no attempt here");
              }

              @Override
              public void end(RequestCompleted completed) {
                traced.add("end " + completed.status());
              }
            });
    Calls.ManualEnding ending = new Calls.ManualEnding();
    invoke(call, new ChatResult.Streaming(subscriber -> {}, ending));
    assertEquals(List.of(), traced, "a stream's trace ends when the stream does");

    ending.end(new StreamEnd(Calls.answer("Hello", null), new Usage(4, 1), null, false, false));
    recorder.failed(call.exchange(), new IllegalStateException("reported again"));

    assertEquals(List.of("write", "end 200"), traced);
  }

  @Test
  void aStreamThatFailsAfterItStartedIsNotReportedAs200() throws Exception {
    ChatCall call = Calls.chat("gpt-4o", true, List.of());
    Calls.ManualEnding ending = new Calls.ManualEnding();
    invoke(call, new ChatResult.Streaming(subscriber -> {}, ending));
    assertEquals(0, fired.size(), "a stream completes when it ends, not when it starts");

    ending.end(
        new StreamEnd(
            Calls.answer("Hel", null),
            new Usage(4, 1),
            ProviderException.truncated("openai"),
            false,
            false));

    RequestCompleted completed = fired.get(0);
    assertEquals(502, completed.status());
    assertEquals("stream_truncated", completed.error().code());
    assertTrue(completed.streamed());
    assertEquals(5, completed.usage().totalTokens());
  }

  @Test
  void aRefusalIsReportedWithItsStatus() throws Exception {
    ChatCall call = Calls.chat("gpt-4o");
    invoke(call, ProviderException.timeout("openai"));

    assertEquals(504, fired.get(0).status());
    assertFalse(fired.get(0).succeeded());
    assertEquals(0, internalErrors);
  }

  @Test
  void aBugInsideTheGatewayIsCountedAndReportedAsAnInternalError() throws Exception {
    ChatCall call = Calls.chat("gpt-4o");
    invoke(call, new NullPointerException("translator bug"));

    assertEquals(500, fired.get(0).status());
    assertTrue(fired.get(0).error().internal());
    assertEquals(1, internalErrors);
  }
}
