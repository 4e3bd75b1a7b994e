package ai.hyperion.cache;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This member's vector indexes over the semantic entries the whole cluster holds: one {@link
 * LuceneVectorIndex} per scope, model and embedding model. An entry listener on the shared map adds
 * and removes entries as any member writes, purges or expires them; a member that starts indexes
 * what the cluster already holds.
 */
final class SemanticIndex implements AutoCloseable {

  /** A nearest entry with its similarity to the query. */
  record Candidate(SemanticEntry entry, double similarity) {}

  /** Shared by the listener thread and request threads: concurrent maps. */
  private final Map<String, LuceneVectorIndex> partitions = new ConcurrentHashMap<>();

  private final Map<String, SemanticEntry> entries = new ConcurrentHashMap<>();
  private IMap<String, SemanticEntry> map;
  private UUID listener;

  /** Follows {@code map} from now on, then indexes what it already holds. */
  void follow(IMap<String, SemanticEntry> map) {
    this.map = map;
    listener = map.addEntryListener(new Follower(), true);
    for (SemanticEntry entry : map.values()) {
      add(entry);
    }
  }

  /** Loads Lucene's classes and codecs now, so the first partition is not created on a request. */
  SemanticIndex() {
    new LuceneVectorIndex().close();
  }

  /**
   * Loads and initialises Lucene's vector indexing and search classes (HNSW graph, vector codec and
   * scorers), which the first vector written in a JVM otherwise pays for: about a second on a busy
   * machine, during which every other thread writing a vector waits.
   */
  static void warmUp() {
    try (LuceneVectorIndex probe = new LuceneVectorIndex()) {
      probe.put("warm-up", "warm-up", new float[] {1f, 0f});
      probe.nearest("warm-up", new float[] {0f, 1f}, 1);
    }
  }

  /**
   * Searchable once this returns; counted in {@link #size()} only then. An entry already indexed
   * (this member's own write, announced back by the cluster) is not indexed twice.
   */
  void add(SemanticEntry entry) {
    SemanticEntry current = entries.get(entry.key());
    if (current != null
        && current.createdAtMillis() == entry.createdAtMillis()
        && current.partition().equals(entry.partition())) {
      return;
    }
    partition(entry.partition()).put(entry.key(), entry.conversation(), entry.vector());
    SemanticEntry previous = entries.put(entry.key(), entry);
    if (previous != null && !previous.partition().equals(entry.partition())) {
      partition(previous.partition()).remove(previous.key());
    }
  }

  void remove(String key) {
    SemanticEntry previous = entries.remove(key);
    if (previous != null) {
      partition(previous.partition()).remove(key);
    }
  }

  /** The nearest entries of the same conversation in one partition, most similar first. */
  List<Candidate> nearest(String partition, String conversation, float[] vector, int k) {
    LuceneVectorIndex index = partitions.get(partition);
    if (index == null) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (LuceneVectorIndex.Neighbour n : index.nearest(conversation, vector, k)) {
      SemanticEntry entry = entries.get(n.key());
      if (entry != null) {
        candidates.add(new Candidate(entry, n.similarity()));
      }
    }
    return candidates;
  }

  int size() {
    return entries.size();
  }

  boolean contains(String key) {
    return entries.containsKey(key);
  }

  private LuceneVectorIndex partition(String name) {
    return partitions.computeIfAbsent(name, n -> new LuceneVectorIndex());
  }

  @Override
  public void close() {
    if (map != null && listener != null) {
      map.removeEntryListener(listener);
    }
    partitions.values().forEach(LuceneVectorIndex::close);
    partitions.clear();
    entries.clear();
  }

  /** Hazelcast calls these on its event threads; indexing one vector takes well under 1 ms. */
  private final class Follower
      implements EntryAddedListener<String, SemanticEntry>,
          EntryUpdatedListener<String, SemanticEntry>,
          EntryRemovedListener<String, SemanticEntry>,
          EntryEvictedListener<String, SemanticEntry>,
          EntryExpiredListener<String, SemanticEntry>,
          MapClearedListener {

    @Override
    public void entryAdded(EntryEvent<String, SemanticEntry> event) {
      add(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, SemanticEntry> event) {
      add(event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, SemanticEntry> event) {
      remove(event.getKey());
    }

    @Override
    public void entryEvicted(EntryEvent<String, SemanticEntry> event) {
      remove(event.getKey());
    }

    @Override
    public void entryExpired(EntryEvent<String, SemanticEntry> event) {
      remove(event.getKey());
    }

    @Override
    public void mapCleared(MapEvent event) {
      List.copyOf(entries.keySet()).forEach(SemanticIndex.this::remove);
    }
  }
}
