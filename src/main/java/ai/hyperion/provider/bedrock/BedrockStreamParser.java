package ai.hyperion.provider.bedrock;

import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ConverseStream events (already unframed: event type + JSON payload) → canonical stream events.
 * One instance per stream, used by one thread at a time.
 *
 * <p>{@code Start} is emitted before the first event of any kind (not every stream opens with
 * {@code messageStart}). Tool calls are numbered in the order their {@code contentBlockStart}
 * arrives. {@code messageStop} is the terminal signal; the {@code metadata} event with usage may
 * come before or after it, and its usage is held back until after {@code Finish} so the canonical
 * order (deltas, Finish, UsageReport) holds either way.
 */
final class BedrockStreamParser {

  private final String id;
  private final String model;
  private final long created;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private boolean started;
  private boolean stopped;
  private Usage pendingUsage;

  BedrockStreamParser(String id, String model, long created) {
    this.id = id;
    this.model = model;
    this.created = created;
  }

  void accept(String eventType, JsonNode payload, Consumer<StreamEvent> out) {
    if (!started) {
      started = true;
      out.accept(new StreamEvent.Start(id, model, created));
    }
    switch (eventType) {
      case "contentBlockStart" -> blockStart(payload, out);
      case "contentBlockDelta" -> blockDelta(payload, out);
      case "messageStop" -> {
        stopped = true;
        FinishReason reason =
            BedrockResponseTranslator.finishReason(Json.text(payload, "stopReason"));
        out.accept(new StreamEvent.Finish(0, reason == null ? FinishReason.STOP : reason));
        if (pendingUsage != null) {
          out.accept(new StreamEvent.UsageReport(pendingUsage));
          pendingUsage = null;
        }
      }
      case "metadata" -> {
        Usage usage = BedrockResponseTranslator.readUsage(payload.get("usage"));
        if (usage != null && stopped) {
          out.accept(new StreamEvent.UsageReport(usage));
        } else {
          pendingUsage = usage;
        }
      }
      default -> {
        // messageStart and contentBlockStop carry nothing the canonical stream needs.
      }
    }
  }

  /** Whether {@code messageStop} was seen. */
  boolean finished() {
    return stopped;
  }

  private void blockStart(JsonNode payload, Consumer<StreamEvent> out) {
    JsonNode toolUse = payload.path("start").path("toolUse");
    if (toolUse.isObject()) {
      int toolIndex = toolIndexByBlock.size();
      toolIndexByBlock.put(payload.path("contentBlockIndex").asInt(), toolIndex);
      out.accept(
          new StreamEvent.ToolCallDelta(
              0, toolIndex, Json.text(toolUse, "toolUseId"), Json.text(toolUse, "name"), ""));
    }
  }

  private void blockDelta(JsonNode payload, Consumer<StreamEvent> out) {
    JsonNode delta = payload.path("delta");
    String text = Json.text(delta, "text");
    if (text != null) {
      if (!text.isEmpty()) {
        out.accept(new StreamEvent.TextDelta(0, text));
      }
      return;
    }
    JsonNode toolUse = delta.get("toolUse");
    if (toolUse != null) {
      Integer toolIndex = toolIndexByBlock.get(payload.path("contentBlockIndex").asInt());
      String fragment = Json.text(toolUse, "input");
      if (toolIndex != null && fragment != null) {
        out.accept(new StreamEvent.ToolCallDelta(0, toolIndex, null, null, fragment));
      }
      return;
    }
    String thought = Json.text(delta.path("reasoningContent"), "text");
    if (thought != null && !thought.isEmpty()) {
      out.accept(new StreamEvent.ReasoningDelta(0, thought));
    }
  }
}
