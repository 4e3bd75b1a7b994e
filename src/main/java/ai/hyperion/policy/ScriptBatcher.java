package ai.hyperion.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coalesces operations into batches: at most {@code maxInFlight} calls are outstanding, and every
 * operation submitted meanwhile waits for the next call, which carries up to {@code maxBatch} of
 * them. One caller alone pays one round trip; a hundred concurrent callers share a few. The queue
 * and the in-flight count are the only shared state (lock-free).
 */
final class ScriptBatcher<O, R> {

  private record Pending<O, R>(O operation, CompletableFuture<R> answer) {}

  private final ConcurrentLinkedQueue<Pending<O, R>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Function<List<O>, CompletionStage<List<R>>> call;
  private final int maxInFlight;
  private final int maxBatch;

  ScriptBatcher(Function<List<O>, CompletionStage<List<R>>> call, int maxInFlight, int maxBatch) {
    this.call = call;
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
  }

  CompletableFuture<R> submit(O operation) {
    CompletableFuture<R> answer = new CompletableFuture<>();
    queue.add(new Pending<>(operation, answer));
    drain();
    return answer;
  }

  private void drain() {
    while (!queue.isEmpty()) {
      int current = inFlight.get();
      if (current >= maxInFlight) {
        return;
      }
      if (!inFlight.compareAndSet(current, current + 1)) {
        continue;
      }
      List<Pending<O, R>> batch = new ArrayList<>();
      Pending<O, R> next;
      while (batch.size() < maxBatch && (next = queue.poll()) != null) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        inFlight.decrementAndGet();
        continue;
      }
      send(batch);
    }
  }

  private void send(List<Pending<O, R>> batch) {
    CompletionStage<List<R>> answers;
    try {
      answers = call.apply(batch.stream().map(Pending::operation).toList());
    } catch (RuntimeException e) {
      answers = CompletableFuture.failedFuture(e);
    }
    answers.whenComplete(
        (results, failure) -> {
          inFlight.decrementAndGet();
          drain();
          for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<R> answer = batch.get(i).answer();
            if (failure != null) {
              answer.completeExceptionally(failure);
            } else if (results == null || results.size() <= i) {
              answer.completeExceptionally(
                  new IllegalStateException("the batch answered fewer results than operations"));
            } else {
              answer.complete(results.get(i));
            }
          }
        });
  }
}
