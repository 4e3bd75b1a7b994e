package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolDefinition;
import ai.hyperion.provider.Usage;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  private final TokenEstimator estimator = new TokenEstimator(4096);

  private static ChatRequest chat(Integer maxTokens, ChatMessage... messages) {
    return new ChatRequest(
        "m",
        List.of(messages),
        false,
        false,
        maxTokens,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void openAiFamiliesGetTheirOwnEncodingAndOthersAScaledEstimate() {
    assertEquals(Tokenizer.O200K, Tokenizer.forModel("gpt-4o", "x"));
    assertEquals(Tokenizer.O200K, Tokenizer.forModel(null, "openai/gpt-4.1-nano"));
    assertEquals(Tokenizer.O200K, Tokenizer.forModel(null, "o3-mini"));
    assertEquals(Tokenizer.CL100K, Tokenizer.forModel(null, "gpt-4-turbo"));
    assertEquals(Tokenizer.CL100K, Tokenizer.forModel("text-embedding-3", "x"));
    assertEquals(Tokenizer.CLAUDE, Tokenizer.forModel("claude", "claude-sonnet-4-5"));
    assertEquals(Tokenizer.GEMINI, Tokenizer.forModel(null, "gemini-2.5-flash"));
    assertEquals(Tokenizer.LLAMA, Tokenizer.forModel(null, "groq/llama-3.3-70b"));
    assertEquals(Tokenizer.OTHER, Tokenizer.forModel(null, "mistral-large"));
  }

  @Test
  void aPromptIsCountedWithOpenAisMessageFraming() {
    ChatRequest request =
        chat(
            null,
            ChatMessage.text(Role.SYSTEM, "You are terse."),
            ChatMessage.text(Role.USER, "Hello world"));
    // o200k: "You are terse." = 4 tokens, "Hello world" = 2; 2 messages x 3 + 3 priming = 9.
    assertEquals(15, estimator.estimate(request, "gpt-4o", null).promptTokens());
    // cl100k counts these the same; Claude's estimate is 20% higher, rounded up.
    assertEquals(18, estimator.estimate(request, "claude-sonnet-4-5", null).promptTokens());
  }

  @Test
  void toolsAndImagesAddTheirCost() {
    ChatMessage withImage =
        new ChatMessage(
            Role.USER,
            List.of(
                new ContentPart.Text("What is this?"),
                new ContentPart.Image("https://example.test/a.png", "low"),
                new ContentPart.Image("https://example.test/b.png", null)),
            false,
            List.of(),
            null,
            null);
    ChatRequest plain = chat(null, ChatMessage.text(Role.USER, "What is this?"));
    int base = estimator.estimate(plain, "gpt-4o", null).promptTokens();
    int images = estimator.estimate(chat(null, withImage), "gpt-4o", null).promptTokens();
    assertEquals(base + TokenEstimator.IMAGE_TOKENS_LOW + TokenEstimator.IMAGE_TOKENS, images);

    ChatRequest withTools =
        new ChatRequest(
            "m",
            List.of(ChatMessage.text(Role.USER, "What is this?")),
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            List.of(
                new ToolDefinition(
                    "get_weather",
                    "Weather for a city",
                    Json.object().put("type", "object").set("properties", Json.object()),
                    null)),
            null,
            null,
            null);
    int tools = estimator.estimate(withTools, "gpt-4o", null).promptTokens();
    assertTrue(
        tools > base + TokenEstimator.TOOLS_PREAMBLE + TokenEstimator.TOKENS_PER_TOOL, "" + tools);
  }

  @Test
  void theWorstCaseOutputIsMaxTokensElseTheModelsLimitElseTheDefault() throws Exception {
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(
                new ByteArrayInputStream(
                    """
                    providers: {p: {type: openai, base-url: "http://127.0.0.1:9/v1"}}
                    models:
                      - {id: big, provider: p, family: gpt-4o, max-output-tokens: 16384}
                    """
                        .getBytes(StandardCharsets.UTF_8)),
                "t");
    ModelConfig big = config.models().get(0);
    ChatRequest hello = chat(null, ChatMessage.text(Role.USER, "hi"));
    TokenEstimate byModel = estimator.estimate(hello, "big", big);
    assertEquals(16384, byModel.maxOutputTokens());
    assertEquals(byModel.promptTokens(), byModel.rateLimitTokens(), "no max_tokens: prompt only");
    assertEquals(4096, estimator.estimate(hello, "unknown", null).maxOutputTokens());
    TokenEstimate asked =
        estimator.estimate(chat(100, ChatMessage.text(Role.USER, "hi")), "big", big);
    assertEquals(100, asked.maxOutputTokens());
    assertEquals(asked.promptTokens() + 100, asked.rateLimitTokens());
    assertEquals(
        16384,
        estimator
            .estimate(chat(1_000_000, ChatMessage.text(Role.USER, "hi")), "big", big)
            .maxOutputTokens());

    EmbeddingRequest embed =
        new EmbeddingRequest("e", List.of("Hello world", "hi"), null, null, null);
    TokenEstimate embedding = estimator.estimate(embed, "text-embedding-3-small", null);
    assertEquals(3, embedding.promptTokens());
    assertEquals(0, embedding.maxOutputTokens());
  }

  @Test
  void pricesComeFromTheCatalogOrTheOperatorsDefaultAndNeverSilentlyZero() {
    String models =
        """
        providers: {p: {type: openai, base-url: "http://127.0.0.1:9/v1"}}
        models:
          - {id: priced, provider: p, aliases: [p-latest], input-price: 2.5, output-price: 10,
              cached-input-price: 1.25}
          - {id: unpriced, provider: p}
        """;
    PriceBook strict = new PriceBook(load(models));
    ModelPrice priced = strict.priceOf("p-latest").orElseThrow();
    assertEquals(PriceSource.CATALOG, priced.source());
    assertEquals("priced", priced.model());
    // 1,000 prompt (400 cached) + 100 output: 600 x 2.5 + 400 x 1.25 + 100 x 10 = 3,000
    // micro-dollars.
    assertEquals(3_000_000, priced.costNanos(new Usage(1000, 100, 400, 0, 0)));
    assertTrue(strict.priceOf("unpriced").isEmpty());
    assertTrue(strict.priceOf("p/anything").isEmpty());

    PriceBook lenient =
        new PriceBook(
            load(
                models
                    + "pricing: {unpriced-models: default, default-input-price: 5,"
                    + " default-output-price: 15}\n"));
    ModelPrice fallback = lenient.priceOf("p/anything").orElseThrow();
    assertEquals(PriceSource.DEFAULT, fallback.source());
    assertEquals(20_000, fallback.costNanos(new Usage(1, 1)));
    assertEquals(PriceSource.CATALOG, lenient.priceOf("priced").orElseThrow().source());
  }

  @Test
  void rateLimitResetsAreWrittenTheWayOpenAiWritesThem() {
    assertEquals("850ms", RateLimitHeaders.format(Duration.ofMillis(850)));
    assertEquals("12.5s", RateLimitHeaders.format(Duration.ofMillis(12_500)));
    assertEquals("40s", RateLimitHeaders.format(Duration.ofSeconds(40)));
    assertEquals("1m0s", RateLimitHeaders.format(Duration.ofSeconds(60)));
    assertEquals("0ms", RateLimitHeaders.format(Duration.ofMillis(-3)));
    assertEquals("12.05s", RateLimitHeaders.format(Duration.ofMillis(12_050)));
    assertEquals("1.005s", RateLimitHeaders.format(Duration.ofMillis(1_005)));
    assertEquals("59.999s", RateLimitHeaders.format(Duration.ofMillis(59_999)));
    assertEquals("1m30.12s", RateLimitHeaders.format(Duration.ofMillis(90_120)));
    assertEquals("61m1.105s", RateLimitHeaders.format(Duration.ofMillis(3_661_105)));
  }

  private static GatewayConfig load(String yaml) {
    return new GatewayConfigLoader(name -> Optional.empty())
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t");
  }

  @Test
  void anAnswerWithoutReportedUsageIsChargedItsPromptAndTheTokensItHolds() {
    ChatRequest request = chat(null, ChatMessage.text(Role.USER, "Tell me about the sea."));
    ChatResponse answer =
        new ChatResponse(
            "c",
            1,
            "gpt-4o",
            List.of(
                new ChatResponse.Choice(
                    0,
                    ChatMessage.text(Role.ASSISTANT, "The sea is large and very deep."),
                    null,
                    null)),
            null,
            null);
    Usage usage = estimator.produced(request, "gpt-4o", answer);
    assertEquals(estimator.estimate(request, "gpt-4o", null).promptTokens(), usage.promptTokens());
    assertEquals(8, usage.completionTokens(), "o200k: 'The sea is large and very deep.'");
  }

  @Test
  void longTextIsCountedInPiecesTheSameAsWholeAndARunWithoutSpacesInLinearTime() {
    Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    StringBuilder prose = new StringBuilder();
    for (int i = 0; prose.length() < 50_000; i++) {
      prose.append("The gateway meters sentence ").append(i).append(" of a long answer.\n");
    }
    String text = prose.toString();
    assertEquals(o200k.countTokensOrdinary(text), TokenEstimator.count(o200k, text));

    String run = "x".repeat(262_144);
    int tokens = TokenEstimator.count(o200k, run);
    assertTrue(tokens > run.length() / 16 && tokens < run.length(), "tokens: " + tokens);
    // Linear, not quadratic: four times the run costs about four times as long (one call grew
    // by up to sixteen when this was written; with jtokkit 1.1.0 one call of "x"s grows ~4 times
    // too, so this now guards the pieces' own cost). The thread's own CPU time, best of five each
    // after a warm-up, so the JIT or a busy machine does not decide (in wall time, 7.7 and 14.8
    // times were seen on loaded 2-core CI runs); ten separates the two.
    String quarterRun = run.substring(0, 65_536);
    TokenEstimator.count(o200k, quarterRun);
    long quarter = fastest(() -> TokenEstimator.count(o200k, quarterRun));
    long whole = fastest(() -> TokenEstimator.count(o200k, run));
    assertTrue(whole < 10 * quarter, "65,536: " + quarter + " µs, 262,144: " + whole + " µs");
  }

  private static long fastest(Runnable work) {
    long best = Long.MAX_VALUE;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 5; i++) {
      long start = threads.getCurrentThreadCpuTime();
      work.run();
      best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1000);
    }
    return best;
  }
}
