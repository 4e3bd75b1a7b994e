package ai.hyperion.gateway;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.routing.Attempt;
import ai.hyperion.routing.CatalogModel;
import ai.hyperion.routing.Deployment;
import ai.hyperion.routing.KeyPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Attempts and exchanges for orchestration tests, with adapters that must not be called. */
final class TestPlans {

  private TestPlans() {}

  static Exchange exchange() {
    return new Exchange("/v1/chat/completions", false);
  }

  static Attempt attempt(String model, RouteMode mode) {
    String provider = model + "-provider";
    ProviderSettings settings =
        new ProviderSettings(
            provider,
            "openai",
            "http://127.0.0.1:9/v1",
            List.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Map.of(),
            null);
    return new Attempt(
        new CatalogModel(model, provider, model, null, true),
        new Deployment(unused(provider), settings, new KeyPool(List.of())),
        null,
        mode);
  }

  private static Provider unused(String name) {
    return new Provider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<ChatResponse> chat(ChatRequest request, Secret key) {
        throw new AssertionError("the test supplies the call itself");
      }

      @Override
      public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request, Secret key) {
        throw new AssertionError("the test supplies the call itself");
      }
    };
  }
}
