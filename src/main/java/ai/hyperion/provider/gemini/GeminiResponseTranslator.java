package ai.hyperion.provider.gemini;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolCallIds;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini {@code GenerateContentResponse} → canonical {@link ChatResponse}. Thought parts become the
 * message's {@code reasoning_content} extra; function calls get short minted ids, and their thought
 * signatures are kept server-side under those ids ({@link Continuity}). A candidate blocked for
 * safety has no parts and yields empty content; a prompt blocked before any candidate yields one
 * empty filtered choice.
 */
final class GeminiResponseTranslator {

  private GeminiResponseTranslator() {}

  static ChatResponse read(JsonNode body, String provider) {
    return read(body, provider, Continuity.none("gemini"));
  }

  static ChatResponse read(JsonNode body, String provider, Continuity continuity) {
    JsonNode candidates = body.path("candidates");
    List<ChatResponse.Choice> choices = new ArrayList<>();
    int position = 0;
    for (JsonNode candidate : candidates) {
      choices.add(readCandidate(candidate, candidate.path("index").asInt(position), continuity));
      position++;
    }
    if (choices.isEmpty()) {
      if (Json.text(body.path("promptFeedback"), "blockReason") == null) {
        throw ProviderException.malformed(provider, "no candidates and no promptFeedback");
      }
      choices.add(new ChatResponse.Choice(0, emptyMessage(), FinishReason.CONTENT_FILTER, null));
    }
    return new ChatResponse(
        Json.text(body, "responseId"),
        System.currentTimeMillis() / 1000,
        Json.text(body, "modelVersion"),
        choices,
        readUsage(body.get("usageMetadata")),
        null);
  }

  private static ChatResponse.Choice readCandidate(
      JsonNode candidate, int index, Continuity continuity) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode part : candidate.path("content").path("parts")) {
      JsonNode call = part.get("functionCall");
      if (call != null) {
        calls.add(toolCall(part, continuity));
      } else if (part.path("thought").asBoolean(false)) {
        reasoning.append(part.path("text").asText(""));
      } else {
        text.append(part.path("text").asText(""));
      }
    }
    ObjectNode extras = null;
    if (reasoning.length() > 0) {
      extras = Json.object().put("reasoning_content", reasoning.toString());
    }
    List<ContentPart> content =
        text.length() > 0 || calls.isEmpty()
            ? List.of(new ContentPart.Text(text.toString()))
            : null;
    ChatMessage message = new ChatMessage(Role.ASSISTANT, content, true, calls, null, extras);
    return new ChatResponse.Choice(
        index, message, finishReason(Json.text(candidate, "finishReason"), !calls.isEmpty()), null);
  }

  /**
   * A {@code functionCall} part as a canonical call with a fresh short id, under which the part's
   * thought signature is remembered for the next turn.
   */
  static ToolCall toolCall(JsonNode part, Continuity continuity) {
    JsonNode call = part.get("functionCall");
    JsonNode args = call.get("args");
    String id = ToolCallIds.mint();
    continuity.remember(id, ResumeState.THOUGHT_SIGNATURE, Json.text(part, "thoughtSignature"));
    return new ToolCall(
        id, Json.text(call, "name"), args == null || args.isNull() ? "{}" : Json.string(args));
  }

  private static ChatMessage emptyMessage() {
    return new ChatMessage(
        Role.ASSISTANT, List.of(new ContentPart.Text("")), true, List.of(), null, null);
  }

  /** Gemini says STOP for a turn that ends in function calls; OpenAI callers expect tool_calls. */
  static FinishReason finishReason(String reason, boolean calledTools) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "SAFETY",
          "RECITATION",
          "BLOCKLIST",
          "PROHIBITED_CONTENT",
          "SPII",
          "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT",
          "IMAGE_RECITATION" ->
          FinishReason.CONTENT_FILTER;
      default -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    };
  }

  /**
   * {@code usageMetadata} in OpenAI accounting: the prompt includes cached and tool-use prompt
   * tokens; the completion is candidates plus thoughts, thoughts being the reasoning tokens.
   */
  static Usage readUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    int thoughts = Json.integer(usage, "thoughtsTokenCount");
    return new Usage(
        Json.integer(usage, "promptTokenCount") + Json.integer(usage, "toolUsePromptTokenCount"),
        Json.integer(usage, "candidatesTokenCount") + thoughts,
        Json.integer(usage, "cachedContentTokenCount"),
        0,
        thoughts);
  }
}
