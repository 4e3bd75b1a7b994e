package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.testing.Calls;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shadow traffic starts only after the primary answered, off its thread, and never touches it. */
class ShadowRunnerTest {

  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final List<ShadowJob> jobs = new CopyOnWriteArrayList<>();
  private final CountDownLatch dispatched = new CountDownLatch(1);
  private final AtomicReference<Thread> dispatchThread = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);

  private final ShadowRunner runner =
      new ShadowRunner() {
        @Override
        Executor shadowExecutor() {
          return pool;
        }

        @Override
        void dispatch(ShadowJob job) {
          jobs.add(job);
          dispatchThread.set(Thread.currentThread());
          dispatched.countDown();
          try {
            release.await(30, TimeUnit.SECONDS); // a shadow that takes its time
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  @Test
  void theShadowRunsAfterThePrimaryAnsweredOffItsThreadAndLeavesTheAnswerAlone() throws Exception {
    CatalogModel big = new CatalogModel("big", "p", "big-2025", null, true);
    CatalogModel small = new CatalogModel("small", "p", "small-2025", null, true);
    ChatCall call = Calls.chat("big");
    RoutePlan plan =
        new RoutePlan(
            null,
            List.of(new Candidate(big, RouteMode.PASSTHROUGH, "requested")),
            null,
            Optional.empty(),
            Optional.of(small),
            "");
    CompletableFuture<ChatResult> primary = new CompletableFuture<>();
    runner.after(call, plan, small, primary);
    CompletableFuture<ChatResult> clientSees = primary.thenApply(result -> result);
    assertEquals(0, jobs.size(), "nothing is sent before the primary answered");

    ChatResult.Complete answer = new ChatResult.Complete(Calls.answer("Hello there", null));
    primary.complete(answer);

    // The client's continuation completed although the shadow is still busy.
    assertSame(answer, clientSees.get(10, TimeUnit.SECONDS));
    assertTrue(dispatched.await(30, TimeUnit.SECONDS));
    assertTrue(dispatchThread.get() != Thread.currentThread());
    ShadowJob job = jobs.get(0);
    assertEquals("big", job.primaryModel().id());
    assertEquals("small", job.shadowModel().id());
    assertEquals("Hello there", job.primaryAnswer());
    assertSame(answer, primary.getNow(null), "the primary's result is the one it completed with");
  }
}
