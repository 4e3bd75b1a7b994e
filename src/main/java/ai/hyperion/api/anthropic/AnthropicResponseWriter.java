package ai.hyperion.api.anthropic;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * The Anthropic Messages format at the gateway's front door ({@code POST /v1/messages}): reads a
 * client's request into the canonical model and writes the canonical answer and errors back the way
 * Anthropic's API and SDKs expect. Streams are written by {@link AnthropicEventWriter}.
 */
public final class AnthropicResponseWriter {

  private AnthropicResponseWriter() {}

  /** The first choice as an Anthropic {@code message} object, reporting {@code servedModel}. */
  public static ObjectNode writeResponse(ChatResponse response, String servedModel) {
    ObjectNode body = Json.object();
    body.put("id", messageId(response.id()));
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", servedModel);
    ArrayNode content = body.putArray("content");
    ChatResponse.Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
    FinishReason finish = null;
    if (choice != null) {
      ChatMessage message = choice.message();
      JsonNode thinking =
          message.extras() == null ? null : message.extras().get(ChatMessage.THINKING_BLOCKS);
      String reasoning =
          message.extras() == null ? null : Json.text(message.extras(), "reasoning_content");
      if (thinking != null && thinking.isArray()) {
        thinking.forEach(content::add);
      } else if (reasoning != null && !reasoning.isEmpty()) {
        // Reasoning from a non-Anthropic upstream, shown as streams show it; it has no signature.
        content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
      }
      String text = message.text();
      if (text != null && !text.isEmpty()) {
        content.addObject().put("type", "text").put("text", text);
      }
      for (ToolCall call : message.toolCalls()) {
        ObjectNode block =
            content
                .addObject()
                .put("type", "tool_use")
                .put("id", call.id())
                .put("name", call.name());
        block.set("input", toolInput(call.arguments()));
      }
      finish = choice.finishReason();
    }
    body.put("stop_reason", stopReason(finish == null ? FinishReason.STOP : finish));
    body.putNull("stop_sequence");
    body.set("usage", writeUsage(response.usage() == null ? Usage.NONE : response.usage()));
    return body;
  }

  /**
   * A gateway error in Anthropic's shape; {@code type} may be OpenAI's, the status decides then.
   */
  public static ObjectNode writeError(int status, String type, String message) {
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error").put("type", errorType(status, type)).put("message", message);
    return body;
  }

  /** The {@code event: error} that ends a stream which failed after it started. */
  public static AnthropicSseEvent errorEvent(int status, String type, String message) {
    return new AnthropicSseEvent("error", Json.string(writeError(status, type, message)));
  }

  static String stopReason(FinishReason reason) {
    return switch (reason) {
      case LENGTH -> "max_tokens";
      case TOOL_CALLS, FUNCTION_CALL -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      case STOP -> "end_turn";
    };
  }

  /**
   * Anthropic's {@code input_tokens} excludes cache reads and writes, which OpenAI's prompt count
   * includes.
   */
  static ObjectNode writeUsage(Usage usage) {
    ObjectNode node = Json.object();
    node.put(
        "input_tokens",
        Math.max(0, usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens()));
    node.put("cache_creation_input_tokens", usage.cacheWriteTokens());
    node.put("cache_read_input_tokens", usage.cachedTokens());
    node.put("output_tokens", usage.completionTokens());
    return node;
  }

  static String messageId(String id) {
    if (id == null || id.isBlank()) {
      return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
    return id.startsWith("msg_") ? id : "msg_" + id;
  }

  /**
   * Tool arguments as Anthropic's {@code input} object. Arguments cut off mid-way (a length stop)
   * are not JSON and cannot be an object: the block then carries an empty input.
   */
  static ObjectNode toolInput(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    return Json.tryParse(arguments.getBytes(StandardCharsets.UTF_8))
        .filter(ObjectNode.class::isInstance)
        .map(ObjectNode.class::cast)
        .orElseGet(Json::object);
  }

  /**
   * Anthropic's error type: fixed by the status wherever Anthropic documents one (an OpenAI type
   * such as {@code invalid_request_error} on a 401 must not leak through); otherwise the given type
   * when it is Anthropic's, else {@code invalid_request_error} / {@code api_error}.
   */
  private static final Set<String> ANTHROPIC_ERROR_TYPES =
      Set.of(
          "invalid_request_error",
          "authentication_error",
          "billing_error",
          "permission_error",
          "not_found_error",
          "request_too_large",
          "rate_limit_error",
          "api_error",
          "timeout_error",
          "overloaded_error");

  private static String errorType(int status, String type) {
    String byStatus =
        switch (status) {
          case 401 -> "authentication_error";
          case 402 -> "billing_error";
          case 403 -> "permission_error";
          case 404 -> "not_found_error";
          case 413 -> "request_too_large";
          case 429 -> "rate_limit_error";
          case 503, 529 -> "overloaded_error";
          case 504 -> "timeout_error";
          default -> null;
        };
    if (byStatus != null) {
      return byStatus;
    }
    if (type != null && ANTHROPIC_ERROR_TYPES.contains(type)) {
      return type;
    }
    return status >= 500 ? "api_error" : "invalid_request_error";
  }
}
