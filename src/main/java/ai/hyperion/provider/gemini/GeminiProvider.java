package ai.hyperion.provider.gemini;

import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderException;
import ai.hyperion.provider.ProviderSettings;
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
 * options.platform: vertex}); see {@link GeminiEndpoint} for the options.
 */
public final class GeminiProvider implements EmbeddingProvider {

  private final ProviderSettings settings;
  private final UpstreamClient client;
  private final GeminiEndpoint endpoint;

  public GeminiProvider(ProviderSettings settings, HttpClient http) {
    this.settings = settings;
    this.client = new UpstreamClient(settings.name(), http, settings.requestTimeout());
    this.endpoint = GeminiEndpoint.from(settings, http);
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public CompletionStage<ChatResponse> chat(ChatRequest request) {
    return translate(() -> Json.bytes(GeminiRequestCodec.write(request)))
        .thenCompose(
            body ->
                endpoint
                    .headers()
                    .thenCompose(
                        headers ->
                            client.postJson(
                                endpoint.generate(request.model()), headers, body, this::error)))
        .thenApply(bytes -> GeminiResponseCodec.read(parse(bytes), name()));
  }

  @Override
  public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request) {
    return translate(() -> Json.bytes(GeminiRequestCodec.write(request)))
        .thenCompose(
            body ->
                endpoint
                    .headers()
                    .thenCompose(
                        headers ->
                            client.openStream(
                                endpoint.stream(request.model()), headers, body, this::error)))
        .thenApply(
            bytes ->
                new UpstreamEventStream(
                    name(), bytes, new GeminiChunkDecoder(name(), new GeminiStreamParser(name()))));
  }

  @Override
  public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request) {
    boolean vertex = endpoint.vertex();
    return translate(
            () ->
                Json.bytes(
                    vertex
                        ? GeminiEmbeddingCodec.writePredict(request)
                        : GeminiEmbeddingCodec.writeBatch(request)))
        .thenCompose(
            body ->
                endpoint
                    .headers()
                    .thenCompose(
                        headers ->
                            client.postJson(
                                endpoint.embed(request.model()), headers, body, this::error)))
        .thenApply(
            bytes ->
                vertex
                    ? GeminiEmbeddingCodec.readPredict(parse(bytes), request, name())
                    : GeminiEmbeddingCodec.readBatch(parse(bytes), request, name()));
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
    return GeminiErrors.read(name(), status, body);
  }
}
