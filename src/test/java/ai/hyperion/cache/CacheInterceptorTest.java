package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.pipeline.CacheOutcome;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.FakeInvocation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CacheInterceptorTest {

  private static final ChatResult CACHED =
      new ChatResult.Complete(Calls.answer("from the cache", new Usage(1, 1)));
  private static final ChatResult FRESH =
      new ChatResult.Complete(Calls.answer("from the upstream", new Usage(1, 1)));

  /** A stage that answers with a fixed outcome; its misses record write-backs. */
  private static final class ScriptedCache extends CacheStage {
    final List<Object> stored = new ArrayList<>();
    CacheOutcome<?> outcome;
    boolean failOnStore;

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletionStage<CacheOutcome<R>> lookup(GatewayCall<R> call) {
      return CompletableFuture.completedFuture((CacheOutcome<R>) outcome);
    }

    CacheOutcome.Miss<Object> miss() {
      return new CacheOutcome.Miss<>(
          result -> {
            if (failOnStore) {
              throw new IllegalStateException("store is down");
            }
            stored.add(result);
          });
    }
  }

  private final ScriptedCache cache = new ScriptedCache();

  private Object run(ChatCall call, FakeInvocation invocation) throws Exception {
    CacheInterceptor interceptor = new CacheInterceptor();
    interceptor.cache = cache;
    return ((CompletionStage<?>) interceptor.lookup(invocation)).toCompletableFuture().get();
  }

  @Test
  void aHitAnswersWithoutRoutingOrExecution() throws Exception {
    cache.outcome = new CacheOutcome.Hit<>(CACHED, "tier=l1");
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(FRESH));

    assertSame(CACHED, run(call, invocation));

    assertEquals(0, invocation.proceeded());
    assertTrue(call.exchange().timings().containsKey(Stage.CACHE));
  }

  @Test
  void aMissProceedsAndWritesTheResultBack() throws Exception {
    cache.outcome = cache.miss();
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(FRESH));

    assertSame(FRESH, run(call, invocation));

    assertEquals(1, invocation.proceeded());
    assertEquals(List.of(FRESH), cache.stored);
  }

  @Test
  void aBypassProceedsWithoutWritingBack() throws Exception {
    cache.outcome = new CacheOutcome.Bypass<>();
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(FRESH));

    assertSame(FRESH, run(call, invocation));

    assertEquals(1, invocation.proceeded());
    assertEquals(List.of(), cache.stored);
  }

  @Test
  void aFailedWriteBackDoesNotChangeTheAnswer() throws Exception {
    cache.outcome = cache.miss();
    cache.failOnStore = true;
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(call, () -> CompletableFuture.completedFuture(FRESH));

    assertSame(FRESH, run(call, invocation));
    assertEquals(List.of(), cache.stored);
  }

  @Test
  void aFailedCallIsNotWrittenBack() {
    cache.outcome = cache.miss();
    ChatCall call = Calls.chat("gpt-4o");
    FakeInvocation invocation =
        new FakeInvocation(
            call, () -> CompletableFuture.failedFuture(new IllegalStateException("upstream down")));

    assertThrows(ExecutionException.class, () -> run(call, invocation));
    assertEquals(List.of(), cache.stored);
  }
}
