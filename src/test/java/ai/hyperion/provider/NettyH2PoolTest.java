package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.NettyHttpClient.Origin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NettyH2PoolTest {

  private final NettyH2Pool pool = new NettyH2Pool(2, Long.MAX_VALUE);
  private final Origin origin = new Origin(true, "provider.example", 443);

  @Test
  void waitersShareAConnectionBeingOpenedAndAConnectThatThrowsFailsThemWithoutStrandingTheNext() {
    AtomicInteger connects = new AtomicInteger();
    CompletableFuture<Void> opening = new CompletableFuture<>();
    CompletableFuture<?> first =
        pool.awaitConnection(
            origin,
            () -> {
              connects.incrementAndGet();
              return opening;
            });
    CompletableFuture<?> second =
        pool.awaitConnection(
            origin,
            () -> {
              connects.incrementAndGet();
              return new CompletableFuture<>();
            });
    assertSame(first, second, "the second waiter joins the connection being opened");
    assertEquals(1, connects.get());
    opening.complete(null);
    assertTrue(first.isDone() && !first.isCompletedExceptionally());

    CompletableFuture<?> refused =
        pool.awaitConnection(
            origin,
            () -> {
              throw new RejectedExecutionException("event loops shut down");
            });
    assertTrue(refused.isCompletedExceptionally(), "a connect that throws fails its waiters");
    CompletableFuture<?> next =
        pool.awaitConnection(origin, () -> CompletableFuture.completedFuture(null));
    assertTrue(next.isDone() && !next.isCompletedExceptionally(), "and the next one opens anew");
  }
}
