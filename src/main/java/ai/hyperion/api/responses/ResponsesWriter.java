package ai.hyperion.api.responses;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResponsesBody;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Canonical answers → Responses API objects: the response object with its settings echoed, its
 * output items (an assistant message, function calls) and usage in Responses terms.
 */
final class ResponsesWriter {

  private ResponsesWriter() {}

  /** The response object before any output: status {@code in_progress}. */
  static ObjectNode shell(String id, long createdAt, String model, ObjectNode echo) {
    ObjectNode response = Json.object();
    response.put("id", id);
    response.put("object", "response");
    response.put("created_at", createdAt);
    response.put("status", "in_progress");
    response.put("background", false);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.set("instructions", echo.get("instructions"));
    response.set("max_output_tokens", echo.get("max_output_tokens"));
    response.put("model", model);
    response.putArray("output");
    response.set("parallel_tool_calls", echo.get("parallel_tool_calls"));
    response.set("previous_response_id", echo.get("previous_response_id"));
    response.set("reasoning", echo.get("reasoning"));
    response.set("store", echo.get("store"));
    response.set("temperature", echo.get("temperature"));
    response.set("text", echo.get("text"));
    response.set("tool_choice", echo.get("tool_choice"));
    response.set("tools", echo.get("tools"));
    response.set("top_p", echo.get("top_p"));
    response.set("truncation", echo.get("truncation"));
    response.putNull("usage");
    response.set("user", echo.get("user"));
    response.set("metadata", echo.get("metadata"));
    return response;
  }

  /** The complete response object for a canonical answer. */
  static ObjectNode answer(
      ChatResponse answer, String id, long createdAt, String model, ObjectNode echo) {
    JsonNode nativeAnswer =
        answer.extras() == null ? null : answer.extras().get(ResponsesBody.NATIVE_ANSWER);
    if (nativeAnswer != null && nativeAnswer.isObject()) {
      ObjectNode response = ((ObjectNode) nativeAnswer).deepCopy();
      response.put("id", id);
      response.put("model", model);
      response.set("previous_response_id", echo.get("previous_response_id"));
      return response;
    }
    ObjectNode response = shell(id, createdAt, model, echo);
    ChatResponse.Choice choice = answer.choices().isEmpty() ? null : answer.choices().get(0);
    FinishReason reason = choice == null ? FinishReason.STOP : choice.finishReason();
    String status = status(reason);
    ArrayNode output = (ArrayNode) response.get("output");
    if (choice != null) {
      ChatMessage message = choice.message();
      String text = message.text();
      if (text != null) {
        output.add(message(ResponseIds.message(), text, status));
      }
      for (ToolCall call : message.toolCalls()) {
        output.add(functionCall(ResponseIds.functionCall(), call, "completed"));
      }
    }
    finish(response, reason, answer.usage());
    return response;
  }

  /** Sets the final status, incomplete details and usage of a response object. */
  static void finish(ObjectNode response, FinishReason reason, Usage usage) {
    String status = status(reason);
    response.put("status", status);
    if (status.equals("incomplete")) {
      response
          .putObject("incomplete_details")
          .put(
              "reason",
              reason == FinishReason.CONTENT_FILTER ? "content_filter" : "max_output_tokens");
    }
    response.set("usage", usage(usage == null ? Usage.NONE : usage));
  }

  static String status(FinishReason reason) {
    return reason == FinishReason.LENGTH || reason == FinishReason.CONTENT_FILTER
        ? "incomplete"
        : "completed";
  }

  static ObjectNode message(String id, String text, String status) {
    ObjectNode item = Json.object();
    item.put("id", id);
    item.put("type", "message");
    item.put("status", status);
    item.put("role", "assistant");
    item.putArray("content").add(textPart(text));
    return item;
  }

  static ObjectNode textPart(String text) {
    ObjectNode part = Json.object().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  static ObjectNode functionCall(String id, ToolCall call, String status) {
    ObjectNode item = Json.object();
    item.put("id", id);
    item.put("type", "function_call");
    item.put("status", status);
    item.put("arguments", call.arguments() == null ? "" : call.arguments());
    item.put("call_id", call.id());
    item.put("name", call.name());
    return item;
  }

  static ObjectNode usage(Usage usage) {
    ObjectNode node = Json.object();
    node.put("input_tokens", usage.promptTokens());
    node.putObject("input_tokens_details").put("cached_tokens", usage.cachedTokens());
    node.put("output_tokens", usage.completionTokens());
    node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    node.put("total_tokens", usage.totalTokens());
    return node;
  }

  /** OpenAI's answer to a deleted response. */
  static ObjectNode deleted(String id) {
    return Json.object().put("id", id).put("object", "response").put("deleted", true);
  }
}
