package ai.hyperion.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The semantic tier (L2): embeds the last user turn, finds the nearest cached prompts of the same
 * conversation in this instance's index of the cluster's entries, and accepts the first one at or
 * above the threshold that passes {@link PostMatchCheck}. The answer itself stays in the exact
 * tier's map under the entry's key.
 */
final class SemanticTier implements AutoCloseable {

  /** Neighbours examined per lookup. */
  static final int NEIGHBOURS = 4;

  /** The query's vector (for the write-back) and the accepted entry, if any. */
  record Match(float[] vector, SemanticEntry entry, double similarity) {}

  private final IMap<String, SemanticEntry> entries;
  private final Embedder embedder;
  private final Clock clock;
  private final SemanticIndex index = new SemanticIndex();

  SemanticTier(HazelcastInstance hazelcast, Embedder embedder, Clock clock) {
    this.entries = hazelcast.getMap(CacheMaps.SEMANTIC);
    this.embedder = embedder;
    this.clock = clock;
    index.follow(entries);
  }

  /** Runs on the embedder's thread once the vector is there (never the caller's). */
  CompletionStage<Match> find(WriteBack ticket, double threshold) {
    return embedder
        .embed(ticket.lastUserTurn())
        .thenApply(
            vector -> {
              String partition =
                  SemanticEntry.partition(ticket.scopeTag(), ticket.model(), embedder.id());
              long now = clock.millis();
              for (SemanticIndex.Candidate candidate :
                  index.nearest(partition, ticket.conversation(), vector, NEIGHBOURS)) {
                SemanticEntry entry = candidate.entry();
                if (candidate.similarity() < threshold) {
                  break;
                }
                if (entry.expiresAtMillis() > now
                    && entry.scopeTag().equals(ticket.scopeTag())
                    && PostMatchCheck.disagreement(entry.text(), ticket.lastUserTurn()).isEmpty()) {
                  return new Match(vector, entry, candidate.similarity());
                }
              }
              return new Match(vector, null, 0);
            });
  }

  /**
   * Shares the entry with the cluster and indexes it here at once (not only when the cluster's
   * event arrives), so this instance finds its own write on the next request.
   */
  CompletionStage<Void> store(WriteBack ticket, long now) {
    CompletionStage<float[]> vector =
        ticket.vector() != null
            ? CompletableFuture.completedFuture(ticket.vector())
            : embedder.embed(ticket.lastUserTurn());
    return vector.thenCompose(
        v -> {
          SemanticEntry entry =
              new SemanticEntry(
                  ticket.key(),
                  ticket.orgId(),
                  ticket.scopeTag(),
                  ticket.model(),
                  embedder.id(),
                  ticket.conversation(),
                  ticket.lastUserTurn(),
                  v,
                  now,
                  now + ticket.ttlSeconds() * 1000L);
          return entries
              .setAsync(ticket.key(), entry, ticket.ttlSeconds(), TimeUnit.SECONDS)
              .thenRun(() -> index.add(entry));
        });
  }

  Embedder embedder() {
    return embedder;
  }

  int indexed() {
    return index.size();
  }

  @Override
  public void close() {
    index.close();
  }
}
