package ai.hyperion.provider.openai;

import ai.hyperion.api.openai.OpenAiDialect;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ParameterPolicies;
import ai.hyperion.provider.ParameterPolicy;
import ai.hyperion.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The OpenAI adapter's two conversions on their own, as {@link OpenAiProvider#chat} runs them:
 * canonical request to upstream body bytes, upstream body bytes to canonical response. In this
 * package because the translators are package-private (wire types never leave it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OpenAiCodecBenchmark {

  private static final byte[] REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  private ChatRequest request;
  private byte[] answer;
  private final ParameterPolicy parameters = ParameterPolicies.OPENAI_COMPATIBLE;

  @Setup
  public void setUp() {
    request = new OpenAiDialect().readChat(Json.tryParse(REQUEST).orElseThrow());
    answer = Fixtures.bytes("openai/chat-text.json");
  }

  /** The upstream body: parameter policy, OpenAiRequestTranslator, Jackson's writer. */
  @Benchmark
  public byte[] encodeRequest() {
    return Json.bytes(OpenAiRequestTranslator.write(parameters.apply(request).request()));
  }

  /** The upstream answer (fixtures/openai/chat-text.json, 2.7 kB): Jackson's tree, translator. */
  @Benchmark
  public ChatResponse decodeResponse() {
    return OpenAiResponseTranslator.read(Json.tryParse(answer).orElseThrow(), "openai");
  }
}
