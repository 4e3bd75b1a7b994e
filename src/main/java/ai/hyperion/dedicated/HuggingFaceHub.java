package ai.hyperion.dedicated;

import ai.hyperion.provider.Json;
import ai.hyperion.provider.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads a model's metadata from a Hugging Face-compatible hub: the parameter count from {@code
 * /api/models/<id>} ({@code safetensors.total}) and the architecture from the repository's {@code
 * config.json} (layers, attention and KV heads, head dimension, longest context, quantisation).
 * Gated models are read with the endpoint's access token. Any failure means "unknown", and sizing
 * falls back to the model's name.
 */
public final class HuggingFaceHub implements ModelMetadata {

  private static final Logger LOG = Logger.getLogger(HuggingFaceHub.class.getName());

  private final URI hub;
  private final Duration timeout;
  private final HttpClient http;

  public HuggingFaceHub(URI hub, Duration timeout) {
    this.hub = URI.create(hub.toString().replaceAll("/+$", "") + "/");
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public Optional<ModelFacts> lookup(String model, Secret accessToken) {
    try {
      Optional<JsonNode> info = get("api/models/" + model, accessToken);
      Optional<JsonNode> config = get(model + "/resolve/main/config.json", accessToken);
      if (config.isEmpty()) {
        return Optional.empty();
      }
      long parameters = info.map(i -> i.path("safetensors").path("total").asLong(0)).orElse(0L);
      return facts(model, parameters, config.get());
    } catch (IOException e) {
      LOG.info(() -> "No metadata for " + model + " from " + hub + ": " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The facts from a config.json; the parameter count from the name when the hub has none. */
  static Optional<ModelFacts> facts(String model, long parameters, JsonNode config) {
    JsonNode arch = config;
    if (!arch.has("num_hidden_layers") && config.has("text_config")) {
      arch = config.get("text_config");
    }
    int layers = firstInt(arch, "num_hidden_layers", "n_layer", "num_layers");
    int heads = firstInt(arch, "num_attention_heads", "n_head");
    int kvHeads = firstInt(arch, "num_key_value_heads", "multi_query_group_num");
    int hidden = firstInt(arch, "hidden_size", "n_embd", "d_model");
    int headDim = firstInt(arch, "head_dim");
    if (layers <= 0 || heads <= 0) {
      return Optional.empty();
    }
    if (kvHeads <= 0) {
      kvHeads = heads;
    }
    if (headDim <= 0) {
      if (hidden <= 0) {
        return Optional.empty();
      }
      headDim = hidden / heads;
    }
    int maxContext = firstInt(arch, "max_position_embeddings", "max_seq_len", "n_positions");
    String quantization = Json.text(config.path("quantization_config"), "quant_method");
    ModelFacts.Basis basis = ModelFacts.Basis.METADATA;
    if (parameters <= 0) {
      Optional<ModelFacts> guess = ModelNames.guess(model);
      if (guess.isEmpty()) {
        return Optional.empty();
      }
      parameters = guess.get().parameters();
      basis = ModelFacts.Basis.NAME;
    }
    return Optional.of(
        new ModelFacts(
            model,
            parameters,
            layers,
            kvHeads,
            headDim,
            maxContext > 0 ? maxContext : null,
            quantization,
            basis));
  }

  private Optional<JsonNode> get(String path, Secret accessToken)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(hub.resolve(path)).timeout(timeout).GET();
    if (accessToken != null && !accessToken.isBlank()) {
      request.header("Authorization", "Bearer " + accessToken.value());
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      LOG.fine(() -> "Hub answered " + response.statusCode() + " for " + path);
      return Optional.empty();
    }
    return Json.tryParse(response.body()).filter(JsonNode::isObject);
  }

  private static int firstInt(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.get(name);
      if (value != null && value.canConvertToInt() && value.asInt() > 0) {
        return value.asInt();
      }
    }
    return 0;
  }
}
