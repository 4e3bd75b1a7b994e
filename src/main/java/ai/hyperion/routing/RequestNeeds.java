package ai.hyperion.routing;

import ai.hyperion.config.ModelConfig;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Role;
import ai.hyperion.routing.intent.Classification;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a model must offer to serve a request: the capabilities it uses (tools, vision, JSON output,
 * streaming, reasoning effort), its estimated input tokens and its output limit. Smart and auto
 * routing only choose models that {@link #unmetBy fit}; the check is deliberately conservative.
 */
public record RequestNeeds(Set<String> capabilities, int inputTokens, Integer outputTokens) {

  /** Estimates are tokenizer-free: a model must hold this much more than the estimate. */
  static final double ESTIMATE_MARGIN = 1.15;

  /** A model that does not declare its context window is trusted only up to this many tokens. */
  static final int UNDECLARED_CONTEXT = 4096;

  public RequestNeeds {
    capabilities = Set.copyOf(capabilities);
  }

  public static RequestNeeds of(ChatRequest request, Classification classification) {
    Set<String> needs = new LinkedHashSet<>();
    needs.add("chat");
    if (request.stream()) {
      needs.add("stream");
    }
    if (!request.tools().isEmpty()) {
      needs.add("tools");
    }
    for (ChatMessage m : request.messages()) {
      if (!m.toolCalls().isEmpty() || m.role() == Role.TOOL) {
        needs.add("tools");
      }
      if (m.content() != null) {
        for (ContentPart part : m.content()) {
          if (part instanceof ContentPart.Image || part instanceof ContentPart.File) {
            needs.add("vision");
          }
        }
      }
    }
    JsonNode format = request.responseFormat();
    if (format != null && !"text".equals(format.path("type").asText("text"))) {
      needs.add("json");
    }
    if (request.extras() != null && request.extras().has("reasoning_effort")) {
      needs.add("reasoning");
    }
    return new RequestNeeds(
        needs, classification.estimatedInputTokens(), request.outputTokenLimit());
  }

  /** Why the model cannot serve this request, or an empty list when it can. */
  public List<String> unmetBy(CatalogModel model) {
    List<String> unmet = new ArrayList<>();
    ModelConfig facts = model.facts();
    if (facts == null) {
      unmet.add("not in the catalog");
      return unmet;
    }
    for (String capability : capabilities) {
      if (!facts.capabilities().contains(capability)) {
        unmet.add("no " + capability);
      }
    }
    int window = facts.contextWindow() == null ? UNDECLARED_CONTEXT : facts.contextWindow();
    int output = outputTokens == null ? 0 : outputTokens;
    if (inputTokens * ESTIMATE_MARGIN + output > window) {
      unmet.add("context " + window + " < ~" + (int) (inputTokens * ESTIMATE_MARGIN + output));
    }
    if (outputTokens != null
        && facts.maxOutputTokens() != null
        && outputTokens > facts.maxOutputTokens()) {
      unmet.add("max output " + facts.maxOutputTokens() + " < " + outputTokens);
    }
    return unmet;
  }
}
