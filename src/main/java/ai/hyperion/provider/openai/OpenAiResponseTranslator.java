package ai.hyperion.provider.openai;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.RetryDelays;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OpenAI {@code chat.completion} body and error body ⇄ canonical model. */
final class OpenAiResponseTranslator {

  private static final Set<String> TOP_MODELLED =
      Set.of("id", "object", "created", "model", "choices", "usage");
  private static final Set<String> MESSAGE_MODELLED = Set.of("role", "content", "tool_calls");

  private OpenAiResponseTranslator() {}

  public static ChatResponse read(JsonNode body, String provider) {
    JsonNode choicesNode = body.get("choices");
    if (choicesNode == null || !choicesNode.isArray()) {
      throw ProviderException.malformed(provider, "no 'choices' array");
    }
    List<ChatResponse.Choice> choices = new ArrayList<>(choicesNode.size());
    for (JsonNode choice : choicesNode) {
      JsonNode message = choice.path("message");
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode call : message.path("tool_calls")) {
        calls.add(
            new ToolCall(
                Json.text(call, "id"),
                Json.text(call.path("function"), "name"),
                Json.text(call.path("function"), "arguments")));
      }
      String content = Json.text(message, "content");
      ChatMessage canonical =
          new ChatMessage(
              Role.ASSISTANT,
              content == null ? null : List.of(new ContentPart.Text(content)),
              true,
              calls,
              null,
              extras(message, MESSAGE_MODELLED));
      JsonNode logprobs = choice.get("logprobs");
      choices.add(
          new ChatResponse.Choice(
              choice.path("index").asInt(),
              canonical,
              FinishReason.fromWire(Json.text(choice, "finish_reason")),
              logprobs == null || logprobs.isNull() ? null : logprobs));
    }
    return new ChatResponse(
        Json.text(body, "id"),
        body.path("created").asLong(),
        Json.text(body, "model"),
        choices,
        readUsage(body.get("usage")),
        extras(body, TOP_MODELLED));
  }

  public static Usage readUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    return new Usage(
        Json.integer(usage, "prompt_tokens"),
        Json.integer(usage, "completion_tokens"),
        Json.integer(usage.path("prompt_tokens_details"), "cached_tokens"),
        0,
        Json.integer(usage.path("completion_tokens_details"), "reasoning_tokens"));
  }

  /** Maps an OpenAI(-compatible) error reply to a gateway error, keeping the upstream's message. */
  public static ProviderException readError(String provider, int status, byte[] body) {
    JsonNode error = Json.tryParse(body).map(n -> n.path("error")).orElse(null);
    String message;
    String type;
    String code = null;
    String param = null;
    if (error != null && error.isObject()) {
      message = Json.text(error, "message");
      type = Json.text(error, "type");
      code = Json.text(error, "code");
      param = Json.text(error, "param");
    } else if (error != null && error.isTextual()) {
      message = error.asText();
      type = null;
    } else {
      message = null;
      type = null;
    }
    if (message == null) {
      message = "Provider '" + provider + "' answered HTTP " + status + ".";
    }
    ProviderException failure =
        new ProviderException(
            ProviderException.gatewayStatus(status),
            type == null
                ? ProviderException.openAiType(ProviderException.gatewayStatus(status))
                : type,
            code,
            param,
            message,
            ProviderException.retryableStatus(status));
    // Headers (read later by the HTTP layer) win; the message is the fallback.
    return status == 429 || status == 503
        ? failure.retryAfterMillis(RetryDelays.fromMessage(message))
        : failure;
  }

  private static ObjectNode extras(JsonNode node, Set<String> modelled) {
    ObjectNode extras = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!modelled.contains(field.getKey())) {
        if (extras == null) {
          extras = Json.object();
        }
        extras.set(field.getKey(), field.getValue());
      }
    }
    return extras;
  }
}
