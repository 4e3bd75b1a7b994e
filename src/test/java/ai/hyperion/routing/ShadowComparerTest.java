package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.metering.CostCalculator;
import ai.hyperion.provider.Usage;
import ai.hyperion.routing.ScriptedUpstream.Reply;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shadow comparisons against the scripted upstream through the real OpenAI adapter. */
class ShadowComparerTest {

  private final RoutingWorld world =
      new RoutingWorld(
          """
          providers:
            pa: {type: openai, base-url: "${A}", api-keys: [sk-a-0000000000000]}
          models:
            - {id: primary, provider: pa, input-price: 2.5, output-price: 10}
            - {id: shadow, provider: pa, input-price: 0.1, output-price: 0.4}
          """);

  private final ShadowComparer comparer =
      new ShadowComparer(
          (model, request) -> {
            Lease lease = world.balancer.acquire(model, null, Set.of()).orElseThrow();
            return world.call(world.candidate(model.id()), lease);
          },
          (model, usage) -> CostCalculator.cost(model.facts(), usage),
          world.clock);

  @AfterEach
  void close() {
    world.close();
  }

  private ShadowJob job(String primaryAnswer) {
    return new ShadowJob(
        "org_1",
        "req_1",
        RoutingWorld.ask("Invent a holiday"),
        world.model("primary"),
        world.model("shadow"),
        primaryAnswer,
        420,
        new Usage(16, 363),
        0.00367);
  }

  @Test
  void recordsLatencyTokensCostAndSimilarityOfBothAnswers() {
    String sameAnswerOtherWords =
        "Galaxy Day celebrates the universe with stargazing festivals, cosmic costumes and"
            + " celestial art, bringing communities together to share wonder about the cosmos.";
    ShadowResult result = comparer.compare(job(sameAnswerOtherWords)).toCompletableFuture().join();
    assertEquals("ok", result.status());
    assertEquals("shadow", result.shadowModel());
    assertEquals(363, result.shadowCompletionTokens());
    assertEquals((16 * 0.1 + 363 * 0.4) / 1e6, result.shadowCostUsd(), 1e-12);
    assertEquals(420, result.primaryLatencyMillis());
    assertNotNull(result.shadowLatencyMillis());
    double related = result.similarity();
    double unrelated =
        comparer
            .compare(job("The invoice total is 77.50 USD, due on March 12."))
            .toCompletableFuture()
            .join()
            .similarity();
    assertTrue(related > 0.2 && related > 3 * unrelated, related + " vs " + unrelated);
    assertEquals(2, world.upstream.calls.size(), "one shadow call per comparison");
  }

  @Test
  void aFailingShadowIsRecordedAsAnError() {
    world.upstream.always("a", Reply.status(500, Map.of()));
    ShadowResult result = comparer.compare(job("x")).toCompletableFuture().join();
    assertTrue(result.status().startsWith("error: "), result.status());
    assertEquals(null, result.similarity());
  }

  @Test
  void similarityIsOneForTheSameTextAndZeroForNothingInCommon() {
    assertEquals(1.0, AnswerSimilarity.of("Paris is the capital.", "paris is the CAPITAL"));
    assertEquals(0.0, AnswerSimilarity.of("alpha beta", "gamma delta"));
    assertTrue(AnswerSimilarity.of("東京は日本の首都です", "日本の首都は東京です") > 0.5);
  }
}
