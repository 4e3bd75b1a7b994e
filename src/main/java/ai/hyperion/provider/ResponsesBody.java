package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A client's OpenAI Responses API body, for an upstream that serves that API itself: it is
 * forwarded as sent, every field the gateway does not know included, byte for byte unless the
 * routed model differs from the one asked for. {@code builtInTools} names OpenAI's hosted tools
 * (web_search, file_search, ...) the body uses, which only such an upstream can run.
 */
public record ResponsesBody(byte[] raw, String model, List<String> builtInTools) {

  /**
   * The extra of a {@link ChatResponse} read from a native Responses answer that keeps the answer
   * as the upstream sent it, so that output items the canonical model has no place for (web search
   * calls, annotations, reasoning) still reach the client.
   */
  public static final String NATIVE_ANSWER = "responses_native_answer";

  public ResponsesBody {
    builtInTools = List.copyOf(builtInTools);
  }

  /** The body to send for {@code upstreamModel}: the bytes as sent when the model is the same. */
  public byte[] forModel(String upstreamModel) {
    if (upstreamModel == null || upstreamModel.equals(model)) {
      return raw;
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(raw);
      ((ObjectNode) tree).put("model", upstreamModel);
      return Json.bytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
