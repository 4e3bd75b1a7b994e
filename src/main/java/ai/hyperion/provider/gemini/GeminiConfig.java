package ai.hyperion.provider.gemini;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.AccessTokenSource;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.gcp.ServiceAccountTokenSource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Where and how a Gemini request goes: the Gemini API ({@code generativelanguage}, API key in
 * {@code x-goog-api-key}) or Vertex AI ({@code options.platform: vertex}, project and location in
 * the path, a service account's OAuth token as {@code Authorization: Bearer}).
 *
 * <p>Options: {@code platform} ({@code gemini}, the default, or {@code vertex}; provider type
 * {@code vertex} implies it), {@code api-version} ({@code v1beta} / {@code v1}), and for Vertex
 * {@code project}, {@code location} plus the service-account options of {@link
 * ServiceAccountTokenSource}. {@code baseUrl} replaces the Google host (tests, proxies).
 */
final class GeminiConfig {

  static final String GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._@\\-]+");

  private final ProviderSettings settings;
  private final boolean vertex;
  private final String modelsPrefix;
  private final AccessTokenSource tokens;

  private GeminiConfig(
      ProviderSettings settings, boolean vertex, String modelsPrefix, AccessTokenSource tokens) {
    this.settings = settings;
    this.vertex = vertex;
    this.modelsPrefix = modelsPrefix;
    this.tokens = tokens;
  }

  /** Reads the platform options; fails at start-up when Vertex lacks its project or location. */
  static GeminiConfig from(ProviderSettings settings, HttpClient http) {
    ObjectNode options = settings.options() == null ? Json.object() : settings.options();
    String platform = Json.text(options, "platform");
    boolean vertex =
        platform == null ? "vertex".equals(settings.type()) : "vertex".equals(platform);
    if (platform != null && !vertex && !"gemini".equals(platform)) {
      throw new IllegalArgumentException(
          "Provider '"
              + settings.name()
              + "': options.platform must be 'gemini' or 'vertex', not '"
              + platform
              + "'.");
    }
    if (!vertex) {
      String base =
          trim(blankToNull(settings.baseUrl()) == null ? GEMINI_BASE_URL : settings.baseUrl());
      String version = textOr(options, "api-version", "v1beta");
      String prefix = base.matches(".*/v1[a-z0-9]*$") ? base : base + "/" + version;
      return new GeminiConfig(settings, false, prefix + "/models/", null);
    }
    String project = Json.text(options, "project");
    String location = Json.text(options, "location");
    if (project == null || location == null) {
      throw new IllegalArgumentException(
          "Provider '"
              + settings.name()
              + "' on Vertex AI needs options.project and options.location.");
    }
    String base =
        blankToNull(settings.baseUrl()) != null
            ? trim(settings.baseUrl())
            : "global".equals(location)
                ? "https://aiplatform.googleapis.com"
                : "https://" + location + "-aiplatform.googleapis.com";
    String version = textOr(options, "api-version", "v1");
    String prefix =
        base
            + "/"
            + version
            + "/projects/"
            + project
            + "/locations/"
            + location
            + "/publishers/google/models/";
    return new GeminiConfig(
        settings, true, prefix, ServiceAccountTokenSource.fromSettings(settings, http));
  }

  boolean vertex() {
    return vertex;
  }

  URI generate(String model) {
    return URI.create(modelsPrefix + modelPath(model) + ":generateContent");
  }

  URI stream(String model) {
    return URI.create(modelsPrefix + modelPath(model) + ":streamGenerateContent?alt=sse");
  }

  URI embed(String model) {
    return URI.create(
        modelsPrefix + modelPath(model) + (vertex ? ":predict" : ":batchEmbedContents"));
  }

  /** The model id as Gemini's path and {@code model} fields want it, without {@code models/}. */
  static String modelPath(String model) {
    String id = model != null && model.startsWith("models/") ? model.substring(7) : model;
    if (id == null || !MODEL_NAME.matcher(id).matches()) {
      throw new InvalidRequestException(
          "model", "'" + model + "' is not a valid Gemini model name.");
    }
    return id;
  }

  /** The configured headers plus credentials; for Vertex this may wait for a token refresh. */
  CompletionStage<Map<String, String>> headers(Secret key) {
    Map<String, String> headers = new HashMap<>(settings.headers());
    if (vertex) {
      return tokens
          .get()
          .thenApply(
              token -> {
                headers.put("Authorization", "Bearer " + token);
                return headers;
              });
    }
    if (key != null) {
      headers.put("x-goog-api-key", key.value());
    }
    return CompletableFuture.completedFuture(headers);
  }

  private static String textOr(ObjectNode options, String field, String fallback) {
    String value = Json.text(options, field);
    return value == null ? fallback : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
