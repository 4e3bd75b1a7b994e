package ai.hyperion.provider.gemini;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ParameterPolicies;
import ai.hyperion.provider.ParameterPolicy;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ResumeStates;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.UpstreamClient;
import ai.hyperion.provider.sse.UpstreamEventStream;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * The Google Gemini adapter, for the Gemini API and for Gemini on Vertex AI ({@code
 * options.platform: vertex}); see {@link GeminiConfig} for the options.
 */
public final class GeminiProvider implements EmbeddingProvider {

  private final ProviderSettings settings;
  private final UpstreamClient client;
  private final GeminiConfig config;
  private final ResumeStates states;
  private final ParameterPolicy parameters;

  public GeminiProvider(ProviderSettings settings, HttpClient http) {
    this(settings, http, new InMemoryResumeStates());
  }

  public GeminiProvider(ProviderSettings settings, HttpClient http, ResumeStates states) {
    this.settings = settings;
    this.client = new UpstreamClient(settings.name(), http, settings.timeouts());
    this.config = GeminiConfig.from(settings, http);
    this.states = states;
    this.parameters = ParameterPolicies.GEMINI.withOptions(settings.options());
  }

  @Override
  public ParameterPolicy parameterPolicy() {
    return parameters;
  }

  /** Signatures are only handed back to the platform that issued them. */
  private Continuity continuity(ChatRequest request) {
    return new Continuity(
        states, request.conversationScope(), config.vertex() ? "vertex-gemini" : "gemini");
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public CompletionStage<ChatResponse> chat(ChatRequest given, Secret key) {
    ChatRequest request = parameters.apply(given).request();
    Continuity continuity = continuity(request);
    return translate(() -> Json.bytes(GeminiRequestTranslator.write(request, continuity)))
        .thenCompose(
            body ->
                config
                    .headers(key)
                    .thenCompose(
                        headers ->
                            client.postJson(
                                config.generate(request.model()), headers, body, this::error)))
        .thenApply(bytes -> GeminiResponseTranslator.read(parse(bytes), name(), continuity));
  }

  @Override
  public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest given, Secret key) {
    ChatRequest request = parameters.apply(given).request();
    Continuity continuity = continuity(request);
    return translate(() -> Json.bytes(GeminiRequestTranslator.write(request, continuity)))
        .thenCompose(
            body ->
                config
                    .headers(key)
                    .thenCompose(
                        headers ->
                            client.openStream(
                                config.stream(request.model()), headers, body, this::error)))
        .thenApply(
            bytes ->
                new UpstreamEventStream(
                    name(),
                    bytes,
                    new GeminiChunkDecoder(name(), new GeminiStreamParser(name(), continuity))));
  }

  @Override
  public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Secret key) {
    boolean vertex = config.vertex();
    return translate(
            () ->
                Json.bytes(
                    vertex
                        ? GeminiEmbeddingTranslator.writePredict(request)
                        : GeminiEmbeddingTranslator.writeBatch(request)))
        .thenCompose(
            body ->
                config
                    .headers(key)
                    .thenCompose(
                        headers ->
                            client.postJson(
                                config.embed(request.model()), headers, body, this::error)))
        .thenApply(
            bytes ->
                vertex
                    ? GeminiEmbeddingTranslator.readPredict(parse(bytes), request, name())
                    : GeminiEmbeddingTranslator.readBatch(parse(bytes), request, name()));
  }

  /** Runs a request translation, turning a rejected request into a failed stage. */
  private static CompletionStage<byte[]> translate(Supplier<byte[]> translation) {
    try {
      return CompletableFuture.completedFuture(translation.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private JsonNode parse(byte[] bytes) {
    return Json.tryParse(bytes)
        .orElseThrow(() -> ProviderException.malformed(name(), "the body is not JSON"));
  }

  private ProviderException error(int status, byte[] body) {
    return GeminiErrorTranslator.read(name(), status, body);
  }
}
