package ai.hyperion.provider.anthropic;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.AccessTokenSource;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ParameterPolicies;
import ai.hyperion.provider.ParameterPolicy;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ResumeStates;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.UpstreamClient;
import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.provider.sse.UpstreamEventStream;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The Anthropic Messages adapter (chat and stream; Anthropic offers no embeddings). Speaks to
 * api.anthropic.com with {@code x-api-key}, or, with {@code options.platform: vertex}, to Claude on
 * Google Vertex AI: model in the URL, {@code anthropic_version} in the body, a bearer token from an
 * {@link AccessTokenSource} (or, without one, the configured keys used as ready-made tokens).
 */
public final class AnthropicProvider implements Provider {

  private final ProviderSettings settings;
  private final AnthropicConfig config;
  private final UpstreamClient client;
  private final AccessTokenSource tokens;
  private final ResumeStates states;
  private final ParameterPolicy parameters;

  public AnthropicProvider(ProviderSettings settings, HttpClient http) {
    this(settings, http, null);
  }

  public AnthropicProvider(ProviderSettings settings, HttpClient http, AccessTokenSource tokens) {
    this(settings, http, tokens, new InMemoryResumeStates());
  }

  public AnthropicProvider(
      ProviderSettings settings, HttpClient http, AccessTokenSource tokens, ResumeStates states) {
    this.settings = settings;
    this.config = AnthropicConfig.from(settings);
    this.client = new UpstreamClient(settings.name(), http, settings.timeouts());
    this.tokens = tokens;
    this.states = states;
    this.parameters = ParameterPolicies.ANTHROPIC.withOptions(settings.options());
  }

  @Override
  public ParameterPolicy parameterPolicy() {
    return parameters;
  }

  /** Thinking signatures go back only to the platform that issued them. */
  private Continuity continuity(ChatRequest request) {
    return new Continuity(
        states,
        request.conversationScope(),
        config.platform() == AnthropicConfig.Platform.VERTEX ? "vertex-anthropic" : "anthropic");
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public CompletionStage<ChatResponse> chat(ChatRequest given, Secret key) {
    ChatRequest request = parameters.apply(given).request();
    ChatRequest unary = request.stream() ? withStream(request, false) : request;
    boolean jsonTool = AnthropicRequestTranslator.usesJsonTool(unary);
    Continuity continuity = continuity(unary);
    return body(unary, continuity)
        .thenCompose(
            body ->
                headers(key)
                    .thenCompose(
                        headers -> client.postJson(uri(unary, false), headers, body, this::error)))
        .thenApply(
            bytes ->
                AnthropicResponseTranslator.fromWire(
                    Json.tryParse(bytes)
                        .orElseThrow(
                            () -> ProviderException.malformed(name(), "the body is not JSON")),
                    name(),
                    jsonTool,
                    continuity));
  }

  @Override
  public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest given, Secret key) {
    ChatRequest request = parameters.apply(given).request();
    ChatRequest streaming = request.stream() ? request : withStream(request, true);
    boolean jsonTool = AnthropicRequestTranslator.usesJsonTool(streaming);
    Continuity continuity = continuity(streaming);
    return body(streaming, continuity)
        .thenCompose(
            body ->
                headers(key)
                    .thenCompose(
                        headers ->
                            client.openStream(uri(streaming, true), headers, body, this::error)))
        .thenApply(
            bytes ->
                new UpstreamEventStream(
                    name(),
                    bytes,
                    new SseChunkDecoder(new AnthropicStreamParser(name(), jsonTool, continuity))));
  }

  /**
   * Translation failures (a request Anthropic cannot express) fail the stage, not the caller's
   * thread.
   */
  private CompletionStage<byte[]> body(ChatRequest request, Continuity continuity) {
    try {
      ObjectNode body = AnthropicRequestTranslator.toWire(request, config, continuity);
      return CompletableFuture.completedFuture(Json.bytes(body));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private URI uri(ChatRequest request, boolean stream) {
    return config.platform() == AnthropicConfig.Platform.VERTEX
        ? config.vertexUri(request.model(), stream)
        : config.messagesUri();
  }

  private CompletionStage<Map<String, String>> headers(Secret key) {
    Map<String, String> headers = new HashMap<>(settings.headers());
    if (config.platform() == AnthropicConfig.Platform.ANTHROPIC) {
      headers.put("anthropic-version", AnthropicConfig.API_VERSION);
      if (key != null) {
        headers.put("x-api-key", key.value());
      }
      return CompletableFuture.completedFuture(headers);
    }
    if (tokens == null) {
      if (key != null) {
        headers.put("Authorization", "Bearer " + key.value());
      }
      return CompletableFuture.completedFuture(headers);
    }
    return tokens
        .get()
        .handle(
            (token, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (cause instanceof ProviderException p) {
                  throw p;
                }
                throw new ProviderException(
                    502,
                    "upstream_error",
                    "upstream_credentials_unavailable",
                    null,
                    "Provider '" + name() + "' could not obtain a Google access token.",
                    true);
              }
              headers.put("Authorization", "Bearer " + token);
              return headers;
            });
  }

  private ProviderException error(int status, byte[] body) {
    return AnthropicErrorTranslator.fromHttp(name(), status, body);
  }

  private static ChatRequest withStream(ChatRequest r, boolean stream) {
    return new ChatRequest(
        r.model(),
        r.messages(),
        stream,
        r.includeUsage(),
        r.maxTokens(),
        r.maxCompletionTokens(),
        r.temperature(),
        r.topP(),
        r.stop(),
        r.tools(),
        r.toolChoice(),
        r.responseFormat(),
        r.extras(),
        r.conversationScope());
  }
}
