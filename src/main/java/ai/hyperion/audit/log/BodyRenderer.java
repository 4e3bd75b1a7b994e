package ai.hyperion.audit.log;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * The stored form of prompt and answer: compact JSON of what was said (role, text, tool calls;
 * images and files only counted), every text passed through the redactor first. A body longer than
 * the column keeps its head, marked as truncated.
 */
final class BodyRenderer {

  private BodyRenderer() {}

  /** {@code [{"role":"user","content":"...","toolCalls":[...],"attachments":1}, ...]} */
  static String prompt(ChatRequest request, UnaryOperator<String> redact) {
    if (request == null) {
      return null;
    }
    ArrayNode messages = Json.NODES.arrayNode();
    for (ChatMessage message : request.messages()) {
      ObjectNode node = messages.addObject();
      node.put("role", message.role().wireName());
      message(node, message, redact);
      if (message.toolCallId() != null) {
        node.put("toolCallId", message.toolCallId());
      }
    }
    return bounded(messages.toString());
  }

  /** {@code [{"index":0,"content":"...","toolCalls":[...],"finishReason":"stop"}]} */
  static String completion(ChatResponse response, UnaryOperator<String> redact) {
    if (response == null) {
      return null;
    }
    ArrayNode choices = Json.NODES.arrayNode();
    for (ChatResponse.Choice choice : response.choices()) {
      ObjectNode node = choices.addObject();
      node.put("index", choice.index());
      if (choice.message() != null) {
        message(node, choice.message(), redact);
      }
      node.put(
          "finishReason", choice.finishReason() == null ? null : choice.finishReason().wireName());
    }
    return bounded(choices.toString());
  }

  private static void message(ObjectNode node, ChatMessage message, UnaryOperator<String> redact) {
    node.put("content", redact.apply(message.text()));
    int attachments = 0;
    if (message.content() != null) {
      for (ContentPart part : message.content()) {
        if (!(part instanceof ContentPart.Text)) {
          attachments++;
        }
      }
    }
    if (attachments > 0) {
      node.put("attachments", attachments);
    }
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("toolCalls");
      for (ToolCall call : message.toolCalls()) {
        calls.addObject().put("name", call.name()).put("arguments", redact.apply(call.arguments()));
      }
    }
  }

  static String bounded(String json) {
    if (json.length() <= RequestLogRecord.MAX_BODY) {
      return json;
    }
    int head = RequestLogRecord.MAX_BODY - 200;
    while (true) {
      ObjectNode cut = Json.object();
      cut.put("truncated", true);
      cut.put("length", json.length());
      cut.put("head", json.substring(0, head));
      String text = cut.toString();
      if (text.length() <= RequestLogRecord.MAX_BODY) {
        return text;
      }
      head = head * 3 / 4;
    }
  }
}
