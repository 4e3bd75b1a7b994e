package ai.hyperion.testing;

import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An adapter under test together with the key the router would hand it (the first usable key of its
 * settings, or none), so adapter tests call it as the gateway does.
 */
public record KeyedProvider(Provider adapter, Secret key) {

  public static KeyedProvider of(Provider adapter, ProviderSettings settings) {
    Secret key = settings.apiKeys().stream().filter(k -> !k.isBlank()).findFirst().orElse(null);
    return new KeyedProvider(adapter, key);
  }

  public String name() {
    return adapter.name();
  }

  public CompletionStage<ChatResponse> chat(ChatRequest request) {
    return adapter.chat(request, key);
  }

  public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request) {
    return adapter.stream(request, key);
  }

  public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request) {
    return ((EmbeddingProvider) adapter).embed(request, key);
  }
}
