package ai.hyperion.api.openai;

import ai.hyperion.api.ModelNameRule;
import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OpenAI embeddings request and response bodies ⇄ canonical model. */
public final class OpenAiEmbeddingFormat {

  private static final Set<String> MODELLED =
      Set.of("model", "input", "encoding_format", "dimensions");

  private OpenAiEmbeddingFormat() {}

  /** The default of {@code hyperion.limits.max-embedding-inputs} (OpenAI's own limit). */
  public static final int DEFAULT_MAX_INPUTS = 2048;

  public static EmbeddingRequest readRequest(JsonNode body) {
    return readRequest(body, DEFAULT_MAX_INPUTS);
  }

  /** Reads a request, refusing more than {@code maxInputs} inputs. */
  public static EmbeddingRequest readRequest(JsonNode body, int maxInputs) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(null, "The request body must be a JSON object.");
    }
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      throw new InvalidRequestException("model", "Missing required parameter: 'model'.");
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      throw new InvalidRequestException("model", "'model' must be a non-empty string.");
    }
    JsonNode input = body.get("input");
    List<String> texts = new ArrayList<>();
    if (input == null || input.isNull()) {
      throw new InvalidRequestException("input", "Missing required parameter: 'input'.");
    } else if (input.isTextual()) {
      texts.add(input.asText());
    } else if (input.isArray() && !input.isEmpty()) {
      if (input.size() > maxInputs) {
        throw new InvalidRequestException(
            "input",
            "'input' has "
                + input.size()
                + " items; at most "
                + maxInputs
                + " inputs are allowed per request.");
      }
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw new InvalidRequestException(
              "input", "'input' must be a string or an array of strings.");
        }
        texts.add(item.asText());
      }
    } else {
      throw new InvalidRequestException(
          "input", "'input' must be a string or a non-empty array of strings.");
    }
    String format = Json.text(body, "encoding_format");
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw new InvalidRequestException(
          "encoding_format", "'encoding_format' must be 'float' or 'base64'.");
    }
    JsonNode dimensions = body.get("dimensions");
    if (dimensions != null
        && !dimensions.isNull()
        && (!dimensions.isIntegralNumber() || dimensions.asInt() < 1)) {
      throw new InvalidRequestException("dimensions", "'dimensions' must be a positive integer.");
    }
    ObjectNode extras = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!MODELLED.contains(field.getKey()) && !"hyperion".equals(field.getKey())) {
        extras.set(field.getKey(), field.getValue());
      }
    }
    return new EmbeddingRequest(
        ModelNameRule.check("model", model.asText()),
        texts,
        format,
        dimensions == null || dimensions.isNull() ? null : dimensions.asInt(),
        extras);
  }

  public static ObjectNode writeResponse(EmbeddingResponse response) {
    ObjectNode body = Json.object();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    for (EmbeddingResponse.Embedding embedding : response.data()) {
      data.addObject()
          .put("object", "embedding")
          .put("index", embedding.index())
          .set("embedding", embedding.vector());
    }
    body.put("model", response.model());
    Usage usage = response.usage() == null ? Usage.NONE : response.usage();
    body.putObject("usage")
        .put("prompt_tokens", usage.promptTokens())
        .put("total_tokens", usage.promptTokens());
    return body;
  }
}
