package ai.hyperion.api.openai;

import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI {@code chat.completion} body and error body ⇄ canonical model. */
public final class OpenAiResponseWriter {

  private OpenAiResponseWriter() {}

  public static ObjectNode write(ChatResponse response) {
    ObjectNode body = Json.object();
    body.put("id", response.id());
    body.put("object", "chat.completion");
    body.put("created", response.created());
    body.put("model", response.model());
    ArrayNode choices = body.putArray("choices");
    for (ChatResponse.Choice choice : response.choices()) {
      ObjectNode c = choices.addObject();
      c.put("index", choice.index());
      ObjectNode message = c.putObject("message");
      message.put("role", "assistant");
      String text = choice.message().text();
      if (text == null) {
        message.putNull("content");
      } else {
        message.put("content", text);
      }
      if (!choice.message().toolCalls().isEmpty()) {
        ArrayNode calls = message.putArray("tool_calls");
        for (ToolCall call : choice.message().toolCalls()) {
          ObjectNode n = calls.addObject().put("id", call.id()).put("type", "function");
          n.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        }
      }
      if (choice.message().extras() != null) {
        message.setAll(choice.message().extras());
      }
      if (choice.logprobs() != null) {
        c.set("logprobs", choice.logprobs());
      } else {
        c.putNull("logprobs");
      }
      c.put(
          "finish_reason", choice.finishReason() == null ? null : choice.finishReason().wireName());
    }
    if (response.usage() != null) {
      body.set("usage", writeUsage(response.usage()));
    }
    if (response.extras() != null) {
      body.setAll(response.extras());
    }
    return body;
  }

  public static ObjectNode writeUsage(Usage usage) {
    ObjectNode node = Json.object();
    node.put("prompt_tokens", usage.promptTokens());
    node.put("completion_tokens", usage.completionTokens());
    node.put("total_tokens", usage.totalTokens());
    node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
    node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    return node;
  }
}
