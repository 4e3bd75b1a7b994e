package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.Secret;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metadata from a hub on 127.0.0.1 that answers like huggingface.co: the model API with its
 * safetensors parameter count and the repository's config.json (Llama 3.1 8B's and Gemma 2's
 * published values); a gated model answers 401 without the token.
 */
class HuggingFaceHubTest {

  static final String LLAMA_INFO =
      """
      {"id":"meta-llama/Llama-3.1-8B-Instruct","gated":"manual",
       "safetensors":{"parameters":{"BF16":8030261248},"total":8030261248}}\
      """;
  static final String LLAMA_CONFIG =
      """
      {"architectures":["LlamaForCausalLM"],"hidden_size":4096,"num_attention_heads":32,
       "num_hidden_layers":32,"num_key_value_heads":8,"max_position_embeddings":131072,
       "torch_dtype":"bfloat16","vocab_size":128256}\
      """;
  static final String GEMMA_CONFIG =
      """
      {"architectures":["Gemma2ForCausalLM"],"hidden_size":3584,"head_dim":256,
       "num_attention_heads":16,"num_hidden_layers":42,"num_key_value_heads":8,
       "max_position_embeddings":8192}\
      """;
  static final String AWQ_CONFIG =
      """
      {"text_config":{"num_hidden_layers":80,"num_attention_heads":64,"num_key_value_heads":8,
       "hidden_size":8192,"max_position_embeddings":4096},
       "quantization_config":{"quant_method":"awq","bits":4}}\
      """;

  HttpServer hub;
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    Map<String, String> files =
        Map.of(
            "/api/models/meta-llama/Llama-3.1-8B-Instruct", LLAMA_INFO,
            "/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json", LLAMA_CONFIG,
            "/google/gemma-2-9b-it/resolve/main/config.json", GEMMA_CONFIG,
            "/TheBloke/Llama-2-70B-Chat-AWQ/resolve/main/config.json", AWQ_CONFIG);
    hub.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(String.valueOf(auth));
          String path = exchange.getRequestURI().getPath();
          boolean gated = path.contains("meta-llama");
          String body = files.get(path);
          int status =
              gated && !"Bearer hf_goodToken1234".equals(auth) ? 401 : body == null ? 404 : 200;
          byte[] bytes =
              (status == 200 ? body : "{\"error\":\"no\"}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    hub.start();
  }

  @AfterEach
  void stop() {
    hub.stop(0);
  }

  private HuggingFaceHub client() {
    return new HuggingFaceHub(
        URI.create("http://127.0.0.1:" + hub.getAddress().getPort()), Duration.ofSeconds(2));
  }

  @Test
  void readsParametersAndKvShapeOfAGatedModelWithItsToken() {
    ModelFacts facts =
        client()
            .lookup("meta-llama/Llama-3.1-8B-Instruct", new Secret("hf_goodToken1234"))
            .orElseThrow();
    assertEquals(8_030_261_248L, facts.parameters());
    assertEquals(32, facts.layers());
    assertEquals(8, facts.kvHeads());
    assertEquals(128, facts.headDim());
    assertEquals(131072, facts.maxContext());
    assertEquals(ModelFacts.Basis.METADATA, facts.basis());
    assertEquals(131072.0, facts.kvBytesPerToken(2));
    assertTrue(authorizations.contains("Bearer hf_goodToken1234"));
  }

  @Test
  void aGatedModelWithoutTokenIsUnknown() {
    assertTrue(client().lookup("meta-llama/Llama-3.1-8B-Instruct", null).isEmpty());
  }

  @Test
  void anExplicitHeadDimAndANameSizeAreCombined() {
    ModelFacts gemma = client().lookup("google/gemma-2-9b-it", null).orElseThrow();
    assertEquals(256, gemma.headDim());
    assertEquals(42, gemma.layers());
    assertEquals(9_000_000_000L, gemma.parameters(), "no model API answer: size from the name");
    assertEquals(ModelFacts.Basis.NAME, gemma.basis());
  }

  @Test
  void nestedTextConfigAndDeclaredQuantisation() {
    ModelFacts awq = client().lookup("TheBloke/Llama-2-70B-Chat-AWQ", null).orElseThrow();
    assertEquals(80, awq.layers());
    assertEquals(128, awq.headDim());
    assertEquals("awq", awq.quantization());
    assertEquals(Dtype.AWQ, Dtype.ofQuantization(awq.quantization()).orElseThrow());
  }

  @Test
  void anUnreachableHubIsUnknown() {
    HuggingFaceHub nowhere =
        new HuggingFaceHub(URI.create("http://127.0.0.1:1"), Duration.ofMillis(500));
    assertTrue(nowhere.lookup("Qwen/Qwen2.5-0.5B-Instruct", null).isEmpty());
  }
}
