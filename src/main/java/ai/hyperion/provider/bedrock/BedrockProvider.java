package ai.hyperion.provider.bedrock;

import ai.hyperion.error.InvalidRequestException;
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
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.UpstreamClient;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.sse.UpstreamEventStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The AWS Bedrock adapter: chat through Converse / ConverseStream (binary event stream), embeddings
 * through InvokeModel for Titan and Cohere embedding models. Requests are SigV4-signed (service
 * {@code bedrock}) with static credentials, or carry a Bedrock API key as a bearer token; see
 * {@link BedrockConfig} for where credentials come from. The model id is the Bedrock model or
 * inference-profile id (or ARN), URL-encoded into the path.
 */
public final class BedrockProvider implements EmbeddingProvider {

  /** Titan embeds one text per call; this many calls run at once. */
  private static final int TITAN_PARALLEL = 4;

  private final ProviderSettings settings;
  private final BedrockConfig config;
  private final UpstreamClient client;
  private final SigV4Signer signer;
  private final Clock clock;
  private final ParameterPolicy parameters;

  public BedrockProvider(ProviderSettings settings, HttpClient http) {
    this(settings, http, System::getenv, Clock.systemUTC());
  }

  BedrockProvider(
      ProviderSettings settings, HttpClient http, Function<String, String> env, Clock clock) {
    this.settings = settings;
    this.config = BedrockConfig.from(settings, env);
    this.client = new UpstreamClient(settings.name(), http, settings.timeouts());
    this.signer =
        config.credentials() == null
            ? null
            : new SigV4Signer(
                config.credentials(), config.region(), BedrockConfig.SERVICE, clock, true);
    this.clock = clock;
    this.parameters = ParameterPolicies.BEDROCK.withOptions(settings.options());
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
  public CompletionStage<ChatResponse> chat(ChatRequest given, Secret key) {
    ChatRequest request = parameters.apply(given).request();
    URI uri;
    byte[] body;
    Map<String, String> headers;
    try {
      uri = modelUri(request.model(), "converse");
      body = Json.bytes(BedrockRequestTranslator.write(request));
      headers = headers(uri, body, null, key);
    } catch (InvalidRequestException | ProviderException e) {
      return CompletableFuture.failedFuture(e);
    }
    String id = newId();
    long created = clock.instant().getEpochSecond();
    return client
        .postJson(uri, headers, body, this::error)
        .thenApply(
            bytes ->
                BedrockResponseTranslator.read(
                    Json.tryParse(bytes)
                        .orElseThrow(
                            () -> ProviderException.malformed(name(), "the body is not JSON")),
                    name(),
                    request.model(),
                    id,
                    created));
  }

  @Override
  public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest given, Secret key) {
    ChatRequest request = parameters.apply(given).request();
    URI uri;
    byte[] body;
    Map<String, String> headers;
    try {
      uri = modelUri(request.model(), "converse-stream");
      body = Json.bytes(BedrockRequestTranslator.write(request));
      headers = headers(uri, body, EventStreamDecoder.CONTENT_TYPE, key);
    } catch (InvalidRequestException | ProviderException e) {
      return CompletableFuture.failedFuture(e);
    }
    BedrockStreamParser parser =
        new BedrockStreamParser(newId(), request.model(), clock.instant().getEpochSecond());
    return client
        .openStream(uri, headers, body, this::error)
        .thenApply(
            bytes ->
                new UpstreamEventStream(name(), bytes, new EventStreamDecoder(name(), parser)));
  }

  @Override
  public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Secret key) {
    try {
      URI uri = modelUri(request.model(), "invoke");
      return switch (BedrockEmbeddingTranslator.family(request.model())) {
        case TITAN -> embedTitan(request, uri, key);
        case COHERE -> embedCohere(request, uri, key);
      };
    } catch (InvalidRequestException | ProviderException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<EmbeddingResponse> embedTitan(
      EmbeddingRequest request, URI uri, Secret key) {
    List<String> inputs = request.input();
    EmbeddingResponse.Embedding[] vectors = new EmbeddingResponse.Embedding[inputs.size()];
    AtomicInteger tokens = new AtomicInteger();
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (int start = 0; start < inputs.size(); start += TITAN_PARALLEL) {
      int from = start;
      int to = Math.min(inputs.size(), start + TITAN_PARALLEL);
      chain =
          chain.thenCompose(
              done -> {
                List<CompletableFuture<Void>> batch = new ArrayList<>();
                for (int i = from; i < to; i++) {
                  int index = i;
                  batch.add(
                      post(
                              uri,
                              Json.bytes(
                                  BedrockEmbeddingTranslator.titanRequest(
                                      inputs.get(i), request.dimensions())),
                              key)
                          .thenAccept(
                              bytes -> {
                                BedrockEmbeddingTranslator.Vector vector =
                                    BedrockEmbeddingTranslator.readTitan(name(), bytes);
                                vectors[index] =
                                    BedrockEmbeddingTranslator.embedding(
                                        index, vector.values(), request.encodingFormat());
                                tokens.addAndGet(vector.tokens());
                              })
                          .toCompletableFuture());
                }
                return CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new));
              });
    }
    return chain.thenApply(
        done ->
            new EmbeddingResponse(
                request.model(), Arrays.asList(vectors), new Usage(tokens.get(), 0)));
  }

  private CompletionStage<EmbeddingResponse> embedCohere(
      EmbeddingRequest request, URI uri, Secret key) {
    String inputType =
        request.extras() != null && request.extras().hasNonNull("input_type")
            ? request.extras().get("input_type").asText()
            : config.embeddingInputType();
    List<EmbeddingResponse.Embedding> vectors = new ArrayList<>();
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (int start = 0;
        start < request.input().size();
        start += BedrockEmbeddingTranslator.COHERE_BATCH) {
      List<String> batch =
          request
              .input()
              .subList(
                  start,
                  Math.min(
                      request.input().size(), start + BedrockEmbeddingTranslator.COHERE_BATCH));
      byte[] body =
          Json.bytes(
              BedrockEmbeddingTranslator.cohereRequest(batch, inputType, request.dimensions()));
      chain =
          chain
              .thenCompose(done -> post(uri, body, key))
              .thenAccept(
                  bytes -> {
                    for (var vector : BedrockEmbeddingTranslator.readCohere(name(), bytes)) {
                      vectors.add(
                          BedrockEmbeddingTranslator.embedding(
                              vectors.size(), vector, request.encodingFormat()));
                    }
                  });
    }
    // Cohere on Bedrock reports token counts only in a response header, which we do not see.
    return chain.thenApply(done -> new EmbeddingResponse(request.model(), vectors, Usage.NONE));
  }

  private CompletionStage<byte[]> post(URI uri, byte[] body, Secret key) {
    return client.postJson(uri, headers(uri, body, "application/json", key), body, this::error);
  }

  private ProviderException error(int status, byte[] body) {
    return BedrockErrorTranslator.fromHttp(name(), status, body);
  }

  private URI modelUri(String modelId, String action) {
    if (modelId == null || modelId.isBlank()) {
      throw new InvalidRequestException(
          "model", "A Bedrock model or inference-profile id is required.");
    }
    return URI.create(config.baseUrl() + "/model/" + SigV4Signer.encode(modelId) + "/" + action);
  }

  /** Signs per request: the signature covers the body and the current time. */
  private Map<String, String> headers(URI uri, byte[] body, String accept, Secret key) {
    Map<String, String> headers = new HashMap<>(settings.headers());
    if (accept != null) {
      headers.put("Accept", accept);
    }
    if (signer != null) {
      headers.putAll(signer.sign("POST", uri, body));
    } else if (key != null) {
      headers.put("Authorization", "Bearer " + key.value());
    } else {
      throw new ProviderException(
          502,
          "upstream_error",
          "upstream_credentials_missing",
          null,
          "Provider '"
              + name()
              + "' has no AWS credentials: set options.access-key-id and options.secret-access-key,"
              + " api-keys (Bedrock API keys) or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
              + " environment variables.",
          false);
    }
    return headers;
  }

  private static String newId() {
    return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  }
}
