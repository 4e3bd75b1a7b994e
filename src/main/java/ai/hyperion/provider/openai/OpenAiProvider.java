package ai.hyperion.provider.openai;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ParameterPolicies;
import ai.hyperion.provider.ParameterPolicy;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ResponsesBody;
import ai.hyperion.provider.ResponsesProvider;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.UpstreamClient;
import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.provider.sse.UpstreamEventStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The OpenAI Chat Completions adapter. Serves OpenAI itself and every OpenAI-compatible server
 * (vLLM, SGLang, Ollama, xAI, Fireworks, OpenRouter): they differ only in configuration. With
 * {@code options: {responses-api: native}} the upstream also takes Responses API requests as sent.
 */
public final class OpenAiProvider implements EmbeddingProvider, ResponsesProvider {

  private final ProviderSettings settings;
  private final UpstreamClient client;
  private final URI chatUri;
  private final URI embeddingsUri;
  private final URI responsesUri;
  private final boolean nativeResponses;

  private final ParameterPolicy parameters;

  public OpenAiProvider(ProviderSettings settings, HttpClient http) {
    this.settings = settings;
    this.parameters =
        (settings.baseUrl().contains("api.openai.com")
                ? ParameterPolicies.OPENAI
                : ParameterPolicies.OPENAI_COMPATIBLE)
            .withOptions(settings.options());
    this.client = new UpstreamClient(settings.name(), http, settings.timeouts());
    String base =
        settings.baseUrl().endsWith("/")
            ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
            : settings.baseUrl();
    this.chatUri = URI.create(base + "/chat/completions");
    this.embeddingsUri = URI.create(base + "/embeddings");
    this.responsesUri = URI.create(base + "/responses");
    this.nativeResponses =
        settings.options() != null
            && "native".equals(settings.options().path("responses-api").asText());
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public ParameterPolicy parameterPolicy() {
    return parameters;
  }

  @Override
  public CompletionStage<ChatResponse> chat(ChatRequest request, Secret key) {
    byte[] body = Json.bytes(OpenAiRequestTranslator.write(parameters.apply(request).request()));
    return client
        .postJson(chatUri, headers(key), body, this::error)
        .thenApply(
            bytes ->
                OpenAiResponseTranslator.read(
                    Json.tryParse(bytes)
                        .orElseThrow(
                            () -> ProviderException.malformed(name(), "the body is not JSON")),
                    name()));
  }

  @Override
  public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request, Secret key) {
    byte[] body = Json.bytes(OpenAiRequestTranslator.write(parameters.apply(request).request()));
    return client
        .openStream(chatUri, headers(key), body, this::error)
        .thenApply(
            bytes ->
                new UpstreamEventStream(
                    name(), bytes, new SseChunkDecoder(new OpenAiStreamParser(name()))));
  }

  @Override
  public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Secret key) {
    byte[] body = Json.bytes(OpenAiEmbeddingTranslator.writeRequest(request));
    return client
        .postJson(embeddingsUri, headers(key), body, this::error)
        .thenApply(
            bytes ->
                OpenAiEmbeddingTranslator.readResponse(
                    Json.tryParse(bytes)
                        .orElseThrow(
                            () -> ProviderException.malformed(name(), "the body is not JSON"))));
  }

  @Override
  public boolean speaksResponses() {
    return nativeResponses;
  }

  @Override
  public CompletionStage<ChatResponse> respond(
      ResponsesBody body, String upstreamModel, Secret key) {
    return client
        .postJson(responsesUri, headers(key), body.forModel(upstreamModel), this::error)
        .thenApply(
            bytes ->
                OpenAiResponsesTranslator.read(
                    Json.tryParse(bytes)
                        .orElseThrow(
                            () -> ProviderException.malformed(name(), "the body is not JSON")),
                    name()));
  }

  @Override
  public CompletionStage<Flow.Publisher<StreamEvent>> streamResponse(
      ResponsesBody body, String upstreamModel, Secret key) {
    return client
        .openStream(responsesUri, headers(key), body.forModel(upstreamModel), this::error)
        .thenApply(
            bytes ->
                new UpstreamEventStream(
                    name(), bytes, new SseChunkDecoder(new OpenAiResponsesStreamParser(name()))));
  }

  private ProviderException error(int status, byte[] body) {
    return OpenAiResponseTranslator.readError(name(), status, body);
  }

  private Map<String, String> headers(Secret key) {
    Map<String, String> headers = new HashMap<>(settings.headers());
    if (key != null) {
      headers.put("Authorization", "Bearer " + key.value());
    }
    return headers;
  }
}
