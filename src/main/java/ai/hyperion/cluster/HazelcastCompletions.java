package ai.hyperion.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where work that follows a Hazelcast future runs. Hazelcast hands every dependent action ({@code
 * thenApply}, {@code whenComplete}, ... without an executor) to its default async executor, the
 * common fork-join pool, which starts a new thread per action where its parallelism is 1 (two cores
 * or fewer) and is one more hand-off everywhere else. {@link #relay} returns a plain future
 * completed directly by the thread that completes the Hazelcast one (a partition thread for a local
 * entry, the response thread for a remote one): what is attached to it must be short and never
 * block, and anything more hops to an executor of its own.
 */
public final class HazelcastCompletions {

  private static final Executor COMPLETING_THREAD = Runnable::run;

  private HazelcastCompletions() {}

  public static <T> CompletableFuture<T> relay(CompletionStage<T> hazelcastFuture) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    hazelcastFuture.whenCompleteAsync(
        (value, failure) -> {
          if (failure != null) {
            plain.completeExceptionally(failure);
          } else {
            plain.complete(value);
          }
        },
        COMPLETING_THREAD);
    return plain;
  }
}
