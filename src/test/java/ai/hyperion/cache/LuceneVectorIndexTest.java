package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HNSW index: nearest first, only within a conversation, deletions seen by later searches. */
class LuceneVectorIndexTest {

  private static float[] unit(float... v) {
    return Vectors.normalised(v);
  }

  @Test
  void findsTheNearestVectorsOfTheSameConversationOnly() {
    try (LuceneVectorIndex index = new LuceneVectorIndex()) {
      index.put("a", "conv-1", unit(1, 0, 0));
      index.put("b", "conv-1", unit(1, 1, 0));
      index.put("c", "conv-2", unit(1, 0, 0));
      List<LuceneVectorIndex.Neighbour> found = index.nearest("conv-1", unit(1, 0.1f, 0), 4);
      assertEquals(
          List.of("a", "b"), found.stream().map(LuceneVectorIndex.Neighbour::key).toList());
      assertTrue(found.get(0).similarity() > 0.99);
      assertEquals(Math.cos(Math.PI / 4 - Math.atan(0.1)), found.get(1).similarity(), 1e-4);

      index.remove("a");
      assertEquals(
          List.of("b"),
          index.nearest("conv-1", unit(1, 0, 0), 4).stream()
              .map(LuceneVectorIndex.Neighbour::key)
              .toList());
      assertEquals(List.of(), index.nearest("conv-3", unit(1, 0, 0), 4));
    }
  }
}
