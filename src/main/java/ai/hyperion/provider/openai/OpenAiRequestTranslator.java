package ai.hyperion.provider.openai;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolCallIds;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions request body ⇄ canonical {@link ChatRequest}. Reading validates the
 * caller's input and names the offending field; writing produces what an OpenAI-compatible upstream
 * expects, with every unmodelled field passed through.
 */
final class OpenAiRequestTranslator {

  private OpenAiRequestTranslator() {}

  public static ObjectNode write(ChatRequest request) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : request.messages()) {
      messages.add(writeMessage(message));
    }
    if (request.stream()) {
      body.put("stream", true);
      // Always ask for usage so the gateway can meter; the client sees it only if it asked.
      body.putObject("stream_options").put("include_usage", true);
    }
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    if (request.maxCompletionTokens() != null) {
      body.put("max_completion_tokens", request.maxCompletionTokens());
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      request.stop().forEach(stop::add);
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name());
        if (tool.description() != null) {
          function.put("description", tool.description());
        }
        if (tool.parameters() != null) {
          function.set("parameters", tool.parameters());
        }
      }
    }
    if (request.toolChoice() != null) {
      body.set("tool_choice", request.toolChoice());
    }
    if (request.responseFormat() != null) {
      body.set("response_format", request.responseFormat());
    }
    if (request.extras() != null) {
      body.setAll(request.extras());
    }
    return body;
  }

  static ObjectNode writeMessage(ChatMessage message) {
    ObjectNode node = Json.object();
    node.put("role", message.role().wireName());
    if (message.content() == null) {
      node.putNull("content");
    } else if (message.textOnly()) {
      node.put("content", message.text() == null ? "" : message.text());
    } else {
      ArrayNode parts = node.putArray("content");
      message.content().forEach(part -> parts.add(writePart(part)));
    }
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode c = calls.addObject();
        c.put("id", ToolCallIds.toPortable(call.id()));
        c.put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    if (message.toolCallId() != null) {
      node.put("tool_call_id", ToolCallIds.toPortable(message.toolCallId()));
    }
    if (message.extras() != null) {
      node.setAll(message.extras());
      // Another provider's reasoning (Anthropic thinking, Gemini thoughts) is not input here:
      // OpenAI rejects unknown message fields and DeepSeek rejects reasoning_content.
      node.remove(ChatMessage.THINKING_BLOCKS);
      node.remove("reasoning_content");
    }
    return node;
  }

  private static JsonNode writePart(ContentPart part) {
    if (part instanceof ContentPart.Text t) {
      ObjectNode n = Json.object().put("type", "text").put("text", t.text());
      if (t.cacheControl() != null) {
        n.set("cache_control", t.cacheControl());
      }
      return n;
    }
    if (part instanceof ContentPart.Image i) {
      ObjectNode n = Json.object().put("type", "image_url");
      ObjectNode url = n.putObject("image_url").put("url", i.url());
      if (i.detail() != null) {
        url.put("detail", i.detail());
      }
      return n;
    }
    if (part instanceof ContentPart.File f) {
      ObjectNode n = Json.object().put("type", "file");
      ObjectNode file = n.putObject("file");
      if (f.filename() != null) {
        file.put("filename", f.filename());
      }
      file.put("file_data", f.fileData());
      return n;
    }
    return ((ContentPart.Opaque) part).raw();
  }
}
