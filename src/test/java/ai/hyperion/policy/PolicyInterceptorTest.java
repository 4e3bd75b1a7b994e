package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.FakeInvocation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class PolicyInterceptorTest {

  /** Records how each admission it handed out was ended. */
  private static final class RecordingPolicy extends PolicyStage {
    final List<String> ends = new ArrayList<>();
    RuntimeException refusal;

    @Override
    public CompletionStage<Admission> admit(GatewayCall<?> call) {
      if (refusal != null) {
        return CompletableFuture.failedFuture(refusal);
      }
      return CompletableFuture.completedFuture(
          new Admission() {
            @Override
            public void settle(Usage usage, String servedModel) {
              ends.add("settle:" + usage.totalTokens() + ":" + servedModel);
            }

            @Override
            public void release() {
              ends.add("release");
            }
          });
    }
  }

  private final RecordingPolicy policy = new RecordingPolicy();
  private final PolicyInterceptor interceptor = interceptor(policy);

  private static PolicyInterceptor interceptor(PolicyStage stage) {
    PolicyInterceptor interceptor = new PolicyInterceptor();
    interceptor.policy = stage;
    return interceptor;
  }

  private Object invoke(ChatCall call, FakeInvocation invocation) {
    return interceptor.enforce(invocation);
  }

  private static Object await(Object stage) throws Exception {
    return ((CompletionStage<?>) stage).toCompletableFuture().get();
  }

  @Test
  void anAnswerSettlesItsAdmissionOnceWithTheUsageItReported() throws Exception {
    ChatCall call = Calls.chat("gpt-4o");
    call.exchange().servedBy("openai", "gpt-4o", call.exchange().routeMode());
    ChatResult.Complete answer = new ChatResult.Complete(Calls.answer("Hi", new Usage(7, 3)));
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(answer));

    assertSame(answer, await(invoke(call, invocation)));

    assertEquals(1, invocation.proceeded());
    assertEquals(List.of("settle:10:gpt-4o"), policy.ends);
    assertTrue(call.exchange().timings().containsKey(Stage.POLICY));
  }

  @Test
  void aRefusedCallNeverReachesTheUpstreamAndHoldsNothing() {
    policy.refusal =
        new RequestRefusedException(
            429, "rate_limit_exceeded", "rate_limit_exceeded", null, "too many", 3);
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(null));

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> await(invoke(call, invocation)));

    assertSame(policy.refusal, e.getCause());
    assertEquals(0, invocation.proceeded());
    assertEquals(List.of(), policy.ends);
  }

  @Test
  void aFailedCallReleasesItsAdmission() {
    ChatCall call = Calls.chat("gpt-4o");
    ProviderException down = ProviderException.timeout("openai");
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.failedFuture(down));

    assertThrows(ExecutionException.class, () -> await(invoke(call, invocation)));

    assertEquals(List.of("release"), policy.ends);
  }

  @Test
  void aCallThatThrowsBeforeReturningAStageAlsoReleases() {
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(
            call,
            () -> {
              throw RequestRefusedException.modelNotFound("nope");
            });

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> await(invoke(call, invocation)));

    assertInstanceOf(RequestRefusedException.class, e.getCause());
    assertEquals(List.of("release"), policy.ends);
  }

  @Test
  void aStreamSettlesWhenItEndsWithWhatTheUpstreamProducedEvenAfterADisconnect() throws Exception {
    ChatCall call = Calls.chat("gpt-4o", true, List.of());
    call.exchange().servedBy("openai", "gpt-4o-mini", call.exchange().routeMode());
    Calls.ManualEnding ending = new Calls.ManualEnding();
    ChatResult.Streaming streaming = new ChatResult.Streaming(subscriber -> {}, ending);
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(streaming));

    await(invoke(call, invocation));
    assertEquals(List.of(), policy.ends, "nothing is settled before the stream ends");

    ending.end(new StreamEnd(null, new Usage(20, 5), null, false, true));
    ending.end(new StreamEnd(null, new Usage(99, 99), null, true, false));

    assertEquals(List.of("settle:25:gpt-4o-mini"), policy.ends);
  }

  @Test
  void aStreamServedByAFallbackSettlesOnceAtTheModelThatServed() throws Exception {
    ChatCall call = Calls.chat("gpt-4o", true, List.of("backup-mini"));
    Calls.ManualEnding ending = new Calls.ManualEnding();
    ChatResult.Streaming streaming = new ChatResult.Streaming(subscriber -> {}, ending);
    FakeInvocation invocation =
        new FakeInvocation(
            call,
            () -> {
              // The executor's first attempt failed; the fallback accepted the stream.
              call.exchange().servedBy("openai", "gpt-4o", RouteMode.PASSTHROUGH);
              call.exchange().servedBy("backup", "backup-mini", RouteMode.FALLBACK);
              return CompletableFuture.completedFuture(streaming);
            });

    await(invoke(call, invocation));
    ending.end(new StreamEnd(null, new Usage(14, 30), null, true, false));
    call.exchange().admission().settle(new Usage(1, 1), "gpt-4o");
    call.exchange().admission().release();

    assertEquals(List.of("settle:44:backup-mini"), policy.ends);
  }

  @Test
  void aStreamCutBeforeAnyUsageReleases() throws Exception {
    ChatCall call = Calls.chat("gpt-4o", true, List.of());
    Calls.ManualEnding ending = new Calls.ManualEnding();
    FakeInvocation invocation =
        new FakeInvocation(
            call,
            () ->
                CompletableFuture.completedFuture(
                    new ChatResult.Streaming(subscriber -> {}, ending)));

    await(invoke(call, invocation));
    ending.end(new StreamEnd(null, null, ProviderException.truncated("openai"), false, false));

    assertEquals(List.of("release"), policy.ends);
  }

  @Test
  void aCacheHitCostsNoTokens() throws Exception {
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(
            call,
            () -> {
              call.exchange().cache(CacheStatus.HIT, "tier=l1");
              return CompletableFuture.completedFuture(
                  new ChatResult.Complete(Calls.answer("cached", new Usage(50, 50))));
            });

    await(invoke(call, invocation));

    assertEquals(List.of("settle:0:null"), policy.ends);
  }
}
