package ai.hyperion.cache;

import static ai.hyperion.cluster.HazelcastCompletions.relay;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
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

  /** Own writes waiting to be indexed; beyond it a write-back skips the semantic tier. */
  static final int INDEX_QUEUE = 1024;

  /** The query's vector (for the write-back) and the accepted entry, if any. */
  record Match(float[] vector, SemanticEntry entry, double similarity) {}

  private final IMap<String, SemanticEntry> entries;
  private final Embedder embedder;
  private final Clock clock;
  private final SemanticIndex index = new SemanticIndex();

  /**
   * Indexes this member's own writes, then shares them: one thread, a bounded queue, never a
   * request, embedder or Hazelcast thread.
   */
  private final ThreadPoolExecutor indexer =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(INDEX_QUEUE),
          task -> {
            Thread thread = new Thread(task, "hyperion-semantic-index");
            thread.setDaemon(true);
            return thread;
          },
          new ThreadPoolExecutor.AbortPolicy());

  SemanticTier(HazelcastInstance hazelcast, Embedder embedder, Clock clock) {
    this.entries = hazelcast.getMap(CacheMaps.SEMANTIC);
    this.embedder = embedder;
    this.clock = clock;
    // Lucene's vector classes take about a second to load: not on the first write-back.
    indexer.execute(SemanticIndex::warmUp);
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
   * Indexes the entry here first, then shares it with the cluster: once the cluster holds it, this
   * instance finds it on the next request (other members index it when the cluster's event
   * arrives). Indexing after the shared write left a window, a second or more on the first write of
   * a busy JVM, in which the entry was counted but a paraphrase missed it.
   */
  CompletionStage<Void> store(WriteBack ticket, long now) {
    CompletionStage<float[]> vector =
        ticket.vector() != null
            ? CompletableFuture.completedFuture(ticket.vector())
            : embedder.embed(ticket.lastUserTurn());
    return vector
        .thenApplyAsync(v -> indexed(ticket, v, now), indexer)
        .thenCompose(
            entry ->
                relay(entries.setAsync(ticket.key(), entry, ticket.ttlSeconds(), TimeUnit.SECONDS))
                    .whenComplete(
                        (done, failure) -> {
                          if (failure != null) {
                            index.remove(entry.key());
                          }
                        }));
  }

  private SemanticEntry indexed(WriteBack ticket, float[] vector, long now) {
    SemanticEntry entry =
        new SemanticEntry(
            ticket.key(),
            ticket.orgId(),
            ticket.scopeTag(),
            ticket.model(),
            embedder.id(),
            ticket.conversation(),
            ticket.lastUserTurn(),
            vector,
            now,
            now + ticket.ttlSeconds() * 1000L);
    index.add(entry);
    return entry;
  }

  Embedder embedder() {
    return embedder;
  }

  int indexed() {
    return index.size();
  }

  boolean indexes(String key) {
    return index.contains(key);
  }

  @Override
  public void close() {
    indexer.shutdownNow();
    index.close();
  }
}
