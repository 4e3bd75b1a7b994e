package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.cache.SemanticQuality.Score;
import ai.hyperion.cache.SemanticQuality.Scored;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic tier's decision at the configured threshold, with the real in-process model, on the
 * labelled pairs: precision at least 0.95 with recall at least 0.7, on the held-out half and on the
 * whole set.
 */
class SemanticQualityTest {

  private static MiniLmEmbedder embedder;
  private static List<Scored> scored;

  @BeforeAll
  static void embedEveryPair() throws Exception {
    embedder = new MiniLmEmbedder(1, 1);
    scored = SemanticQuality.score(embedder);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @AfterAll
  static void printTheCurve() {
    if (scored != null) {
      System.out.println("Semantic tier precision/recall over thresholds (all pairs):");
      System.out.print(SemanticQuality.curve(scored));
    }
  }

  @Test
  void theSetHasAtLeast200PairsOfBothKinds() {
    long hits = scored.stream().filter(Scored::hit).count();
    assertTrue(scored.size() >= 200, "pairs: " + scored.size());
    assertTrue(hits >= 80 && scored.size() - hits >= 80, "hits: " + hits);
    for (String category :
        List.of("number", "unit", "negation", "entity", "language", "code", "topic")) {
      assertTrue(
          scored.stream().filter(s -> s.category().equals(category)).count() >= 15, category);
    }
  }

  @Test
  void heldOutPairsMeetThePrecisionAndRecallTargets() {
    assertTargets(SemanticQuality.heldOut(scored));
  }

  @Test
  void allPairsMeetThePrecisionAndRecallTargets() {
    assertTargets(scored);
  }

  @Test
  void similarityAloneWouldNotBePreciseEnough() {
    // Why the post-match check exists: near-misses score as high as paraphrases.
    Score plain = SemanticQuality.at(scored, CacheDefaults.SIMILARITY_THRESHOLD, false);
    assertTrue(plain.precision() < 0.9, "precision without the check: " + plain.precision());
  }

  private static void assertTargets(List<Scored> pairs) {
    Score score = SemanticQuality.at(pairs, CacheDefaults.SIMILARITY_THRESHOLD, true);
    assertTrue(score.precision() >= SemanticQuality.MIN_PRECISION, "precision " + score);
    assertTrue(score.recall() >= SemanticQuality.MIN_RECALL, "recall " + score);
    assertTrue(SemanticQuality.meetsTargets(score));
  }
}
