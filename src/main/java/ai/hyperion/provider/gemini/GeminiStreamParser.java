package ai.hyperion.provider.gemini;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.sse.SseEvent;
import ai.hyperion.provider.sse.StreamParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gemini {@code streamGenerateContent?alt=sse} events → canonical stream events. Each event is a
 * partial {@code GenerateContentResponse}: text parts are deltas, each function call arrives whole,
 * and {@code usageMetadata} is cumulative, so only the last one is reported, once every candidate
 * has its {@code finishReason} (the terminal signal; Gemini sends no sentinel). One instance per
 * stream.
 */
final class GeminiStreamParser implements StreamParser {

  /** Per-candidate state: how many tool calls it made, whether it finished. */
  private static final class Candidate {
    int toolCalls;
    boolean finished;
  }

  private final String provider;
  private final Continuity continuity;
  private final Map<Integer, Candidate> candidates = new HashMap<>();
  private boolean started;
  private boolean done;
  private Usage usage;

  public GeminiStreamParser(String provider) {
    this(provider, Continuity.none("gemini"));
  }

  public GeminiStreamParser(String provider, Continuity continuity) {
    this.provider = provider;
    this.continuity = continuity;
  }

  @Override
  public void accept(SseEvent event, Consumer<StreamEvent> out) {
    JsonNode chunk;
    try {
      chunk = Json.parse(event.data());
    } catch (JsonProcessingException e) {
      throw ProviderException.malformed(provider, "a stream event is not JSON");
    }
    if (GeminiErrorTranslator.isError(chunk)) {
      throw GeminiErrorTranslator.fromJson(provider, 500, chunk);
    }
    accept(chunk, out);
  }

  private void accept(JsonNode chunk, Consumer<StreamEvent> out) {
    if (!started) {
      started = true;
      out.accept(
          new StreamEvent.Start(
              Json.text(chunk, "responseId"),
              Json.text(chunk, "modelVersion"),
              System.currentTimeMillis() / 1000));
    }
    Usage reported = GeminiResponseTranslator.readUsage(chunk.get("usageMetadata"));
    if (reported != null) {
      usage = reported;
    }
    int position = 0;
    for (JsonNode candidate : chunk.path("candidates")) {
      acceptCandidate(candidate, candidate.path("index").asInt(position), out);
      position++;
    }
    if (position == 0 && Json.text(chunk.path("promptFeedback"), "blockReason") != null) {
      finish(0, FinishReason.CONTENT_FILTER, out);
    }
    if (!done && !candidates.isEmpty() && candidates.values().stream().allMatch(c -> c.finished)) {
      done = true;
      if (usage != null) {
        out.accept(new StreamEvent.UsageReport(usage));
      }
    }
  }

  private void acceptCandidate(JsonNode candidate, int index, Consumer<StreamEvent> out) {
    Candidate state = candidates.computeIfAbsent(index, i -> new Candidate());
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        var call = GeminiResponseTranslator.toolCall(part, continuity);
        out.accept(
            new StreamEvent.ToolCallDelta(
                index, state.toolCalls++, call.id(), call.name(), call.arguments()));
        continue;
      }
      String text = part.path("text").asText("");
      if (text.isEmpty()) {
        continue;
      }
      if (part.path("thought").asBoolean(false)) {
        out.accept(new StreamEvent.ReasoningDelta(index, text));
      } else {
        out.accept(new StreamEvent.TextDelta(index, text));
      }
    }
    String reason = Json.text(candidate, "finishReason");
    if (reason != null) {
      finish(index, GeminiResponseTranslator.finishReason(reason, state.toolCalls > 0), out);
    }
  }

  private void finish(int index, FinishReason reason, Consumer<StreamEvent> out) {
    Candidate state = candidates.computeIfAbsent(index, i -> new Candidate());
    if (!state.finished) {
      state.finished = true;
      out.accept(new StreamEvent.Finish(index, reason));
    }
  }

  @Override
  public boolean finished() {
    return done;
  }
}
