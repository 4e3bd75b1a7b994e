package ai.hyperion.stream;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds a request's answer for its organisation: the stream in flight on this instance first, then
 * the persisted record (read from the store on a managed thread). Another organisation's request is
 * not found, exactly like an unknown id.
 */
@ApplicationScoped
public class RequestLookup {

  /** What was found: a stream still in flight here, or a stored record. */
  public sealed interface Found {
    record Live(LiveStream stream) implements Found {}

    record Stored(StoredRequest request) implements Found {}
  }

  @Inject LiveStreams live;
  @Inject ResponseStore store;
  @Resource ManagedExecutorService executor;

  public CompletionStage<Optional<Found>> find(String orgId, String requestId) {
    if (!ResponseStore.validKey(orgId) || !ResponseStore.validKey(requestId)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Optional<LiveStream> stream = live.find(orgId, requestId);
    if (stream.isPresent()) {
      return CompletableFuture.completedFuture(Optional.of(new Found.Live(stream.get())));
    }
    return CompletableFuture.supplyAsync(
        () ->
            store
                .get(orgId, requestId)
                .map(StoredRequestCodec::decode)
                .filter(r -> r.orgId().equals(orgId))
                .map(Found.Stored::new),
        executor);
  }
}
