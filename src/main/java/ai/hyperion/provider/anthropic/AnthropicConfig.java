package ai.hyperion.provider.anthropic;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ProviderSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Anthropic adapter's settings, read once from {@link ProviderSettings#options()}:
 *
 * <ul>
 *   <li>{@code platform}: {@code anthropic} (default, api.anthropic.com) or {@code vertex} (Claude
 *       on Google Vertex AI, bearer token, model in the URL);
 *   <li>{@code default-max-tokens}: sent when the caller gave no output limit, which Anthropic
 *       requires (default {@value #DEFAULT_MAX_TOKENS});
 *   <li>{@code project}, {@code region}: the Vertex AI project and region ({@code global} allowed);
 *   <li>{@code max-output-tokens}: the models' output ceiling; higher limits are lowered to it
 *       ({@link ai.hyperion.provider.ParameterPolicy}).
 * </ul>
 *
 * Unknown option keys are rejected so a typo does not silently fall back to a default.
 */
record AnthropicConfig(
    Platform platform, int defaultMaxTokens, String baseUrl, String project, String region) {

  enum Platform {
    ANTHROPIC,
    VERTEX
  }

  static final int DEFAULT_MAX_TOKENS = 4096;
  static final String API_VERSION = "2023-06-01";
  static final String VERTEX_API_VERSION = "vertex-2023-10-16";
  private static final Pattern VERTEX_MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@\\-]*");
  private static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  private static final Set<String> KNOWN_OPTIONS =
      Set.of("platform", "default-max-tokens", "project", "region", "max-output-tokens");

  static AnthropicConfig from(ProviderSettings settings) {
    JsonNode options = settings.options();
    if (options != null) {
      for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!KNOWN_OPTIONS.contains(key)) {
          throw invalid(
              settings, key, "is not an Anthropic option; known: " + new TreeSet<>(KNOWN_OPTIONS));
        }
      }
    }
    String platformName = option(options, "platform");
    Platform platform;
    if (platformName == null || platformName.equals("anthropic")) {
      platform = Platform.ANTHROPIC;
    } else if (platformName.equals("vertex")) {
      platform = Platform.VERTEX;
    } else {
      throw invalid(
          settings, "platform", "must be 'anthropic' or 'vertex', was '" + platformName + "'");
    }
    int maxTokens = DEFAULT_MAX_TOKENS;
    JsonNode max = options == null ? null : options.get("default-max-tokens");
    if (max != null && !max.isNull()) {
      // gateway.yaml values resolved from ${ENV} arrive as text, so numeric text counts too.
      String text = max.asText().strip();
      maxTokens =
          max.isIntegralNumber() && max.canConvertToInt()
              ? max.asInt()
              : max.isTextual() && text.matches("\\d{1,9}") ? Integer.parseInt(text) : 0;
      if (maxTokens < 1) {
        throw invalid(settings, "default-max-tokens", "must be a positive integer");
      }
    }
    String project = option(options, "project");
    String region = option(options, "region");
    if (platform == Platform.VERTEX && (project == null || region == null)) {
      throw invalid(
          settings,
          project == null ? "project" : "region",
          "is required when platform is 'vertex'");
    }
    return new AnthropicConfig(platform, maxTokens, trimBase(settings.baseUrl()), project, region);
  }

  /**
   * {@code POST /v1/messages}; a base URL given with or without {@code /v1} means the same host.
   */
  URI messagesUri() {
    return URI.create((baseUrl == null ? DEFAULT_BASE_URL : baseUrl) + "/v1/messages");
  }

  /** Vertex AI's raw-predict endpoint for one model; {@code global} has no regional host prefix. */
  URI vertexUri(String model, boolean stream) {
    String host =
        baseUrl != null
            ? baseUrl
            : region.equals("global")
                ? "https://aiplatform.googleapis.com"
                : "https://" + region + "-aiplatform.googleapis.com";
    return URI.create(
        host
            + "/v1/projects/"
            + project
            + "/locations/"
            + region
            + "/publishers/anthropic/models/"
            + modelPath(model)
            + (stream ? ":streamRawPredict" : ":rawPredict"));
  }

  /**
   * A model id as one path segment: Vertex ids ({@code claude-sonnet-4-5@20250929}) need nothing
   * else, and a pass-through name with {@code /}, {@code ?}, {@code #} or {@code %} would choose
   * another path for the operator's token, so it is refused rather than sent.
   */
  static String modelPath(String model) {
    if (model == null || !VERTEX_MODEL.matcher(model).matches() || model.contains("..")) {
      throw new InvalidRequestException(
          "model", "This is not a valid model name for Claude on Vertex AI.");
    }
    return model;
  }

  private static String trimBase(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      return null;
    }
    String base = baseUrl.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
  }

  private static String option(JsonNode options, String key) {
    JsonNode value = options == null ? null : options.get(key);
    return value == null || value.isNull() || value.asText().isBlank()
        ? null
        : value.asText().strip();
  }

  private static IllegalArgumentException invalid(
      ProviderSettings settings, String key, String problem) {
    return new IllegalArgumentException(
        "providers." + settings.name() + ".options." + key + ": " + problem);
  }
}
