package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What one provider accepts of the sampling parameters, written once per adapter (in its config)
 * and applied to every request before translation, so that a request valid for one provider (or a
 * fallback onto another) does not fail upstream: values out of range are clamped, surplus stop
 * sequences cut, fields the provider has no counterpart for dropped. Each change is reported
 * ({@link Applied#changes()}) so the gateway can tell the caller.
 *
 * @param temperature the accepted temperature range
 * @param topP the accepted top_p range
 * @param maxStopSequences how many stop sequences the provider takes, or null for no limit
 * @param maxOutputTokens the highest output-token limit (the model's), or null when unknown
 * @param penalties the accepted presence/frequency penalty range, or null when unsupported
 * @param samplingExclusive whether temperature and top_p may not be set together (top_p goes)
 */
public record ParameterPolicy(
    Range temperature,
    Range topP,
    Integer maxStopSequences,
    Integer maxOutputTokens,
    Range penalties,
    boolean samplingExclusive) {

  /** A closed interval of accepted values. */
  public record Range(double min, double max) {
    double clamp(double value) {
      return Math.max(min, Math.min(max, value));
    }
  }

  /** The request as it will be sent, and what was changed ({@code field:old->new}). */
  public record Applied(ChatRequest request, List<String> changes) {
    public boolean changed() {
      return !changes.isEmpty();
    }
  }

  private static final List<String> PENALTIES = List.of("presence_penalty", "frequency_penalty");

  /** Passes everything through: for upstreams whose limits are not known. */
  public static final ParameterPolicy NONE =
      new ParameterPolicy(
          null, null, null, null, new Range(-Double.MAX_VALUE, Double.MAX_VALUE), false);

  /** This policy with the model's output-token ceiling (from the provider's options), if any. */
  public ParameterPolicy withMaxOutputTokens(Integer limit) {
    return limit == null
        ? this
        : new ParameterPolicy(
            temperature, topP, maxStopSequences, limit, penalties, samplingExclusive);
  }

  /** Reads {@code max-output-tokens} from a provider's options. */
  public ParameterPolicy withOptions(ObjectNode options) {
    JsonNode limit = options == null ? null : options.get("max-output-tokens");
    if (limit == null || limit.isNull()) {
      return this;
    }
    if (!limit.canConvertToInt() || limit.asInt() < 1) {
      throw new IllegalArgumentException("options.max-output-tokens must be a positive integer.");
    }
    return withMaxOutputTokens(limit.asInt());
  }

  public Applied apply(ChatRequest request) {
    List<String> changes = new ArrayList<>();
    Double temp = clamp("temperature", request.temperature(), temperature, changes);
    Double p = clamp("top_p", request.topP(), topP, changes);
    if (samplingExclusive && temp != null && p != null) {
      changes.add("top_p:" + plain(p) + "->dropped");
      p = null;
    }
    List<String> stop = request.stop();
    if (maxStopSequences != null && stop.size() > maxStopSequences) {
      changes.add("stop:" + stop.size() + "->" + maxStopSequences);
      stop = stop.subList(0, maxStopSequences);
    }
    Integer maxTokens = cap("max_tokens", request.maxTokens(), changes);
    Integer maxCompletion = cap("max_completion_tokens", request.maxCompletionTokens(), changes);
    ObjectNode extras = penalties(request.extras(), changes);
    if (changes.isEmpty()) {
      return new Applied(request, List.of());
    }
    return new Applied(
        new ChatRequest(
            request.model(),
            request.messages(),
            request.stream(),
            request.includeUsage(),
            maxTokens,
            maxCompletion,
            temp,
            p,
            stop,
            request.tools(),
            request.toolChoice(),
            request.responseFormat(),
            extras,
            request.conversationScope()),
        List.copyOf(changes));
  }

  private static Double clamp(String field, Double value, Range range, List<String> changes) {
    if (value == null || range == null) {
      return value;
    }
    double clamped = range.clamp(value);
    if (clamped != value) {
      changes.add(field + ":" + plain(value) + "->" + plain(clamped));
    }
    return clamped;
  }

  private Integer cap(String field, Integer value, List<String> changes) {
    if (value == null || maxOutputTokens == null || value <= maxOutputTokens) {
      return value;
    }
    changes.add(field + ":" + value + "->" + maxOutputTokens);
    return maxOutputTokens;
  }

  private ObjectNode penalties(ObjectNode extras, List<String> changes) {
    if (extras == null) {
      return null;
    }
    ObjectNode out = null;
    for (String field : PENALTIES) {
      JsonNode value = extras.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (out == null) {
        out = extras.deepCopy();
      }
      if (penalties == null) {
        out.remove(field);
        changes.add(field + ":" + value.asText() + "->dropped");
      } else if (value.isNumber()) {
        double clamped = penalties.clamp(value.asDouble());
        if (clamped != value.asDouble()) {
          out.put(field, clamped);
          changes.add(field + ":" + plain(value.asDouble()) + "->" + plain(clamped));
        }
      }
    }
    return out == null ? extras : out;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
