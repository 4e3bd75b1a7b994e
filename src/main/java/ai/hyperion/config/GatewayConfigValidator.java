package ai.hyperion.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a bound configuration for mistakes an operator can fix, naming each one. */
final class GatewayConfigValidator {

  static final Set<String> PROVIDER_TYPES =
      Set.of("openai", "anthropic", "gemini", "vertex", "bedrock");

  List<String> validate(GatewayConfig config) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
      String where = "providers." + entry.getKey();
      ProviderConfig provider = entry.getValue();
      if (provider == null) {
        problems.add(where + ": is empty");
        continue;
      }
      if (provider.type() == null || !PROVIDER_TYPES.contains(provider.type())) {
        problems.add(
            where
                + ".type: must be one of "
                + new java.util.TreeSet<>(PROVIDER_TYPES)
                + ", was "
                + provider.type());
      }
      if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
        try {
          URI uri = URI.create(provider.baseUrl());
          if (uri.getScheme() == null
              || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
              || uri.getHost() == null) {
            problems.add(
                where + ".base-url: must be an http(s) URL, was '" + provider.baseUrl() + "'");
          }
        } catch (IllegalArgumentException e) {
          problems.add(where + ".base-url: is not a valid URL: '" + provider.baseUrl() + "'");
        }
      } else if ("openai".equals(provider.type())) {
        problems.add(where + ".base-url: is required for OpenAI-compatible providers");
      }
      if (provider.timeoutSeconds() != null && provider.timeoutSeconds() < 1) {
        problems.add(where + ".timeout-seconds: must be at least 1");
      }
      if (provider.connectTimeoutSeconds() != null && provider.connectTimeoutSeconds() < 1) {
        problems.add(where + ".connect-timeout-seconds: must be at least 1");
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < config.models().size(); i++) {
      ModelConfig model = config.models().get(i);
      String where = "models[" + i + "]";
      if (model.id() == null || model.id().isBlank()) {
        problems.add(where + ".id: is required");
        continue;
      }
      where = "models[" + i + "] (" + model.id() + ")";
      if (!names.add(model.id())) {
        problems.add(where + ".id: is defined twice");
      }
      for (String alias : model.aliases()) {
        if (!names.add(alias)) {
          problems.add(where + ".aliases: '" + alias + "' is already a model id or alias");
        }
      }
      if (model.provider() == null || !config.providers().containsKey(model.provider())) {
        problems.add(
            where + ".provider: '" + model.provider() + "' is not defined under providers");
      }
      for (String capability : model.capabilities()) {
        if (!ModelConfig.KNOWN_CAPABILITIES.contains(capability)) {
          problems.add(where + ".capabilities: unknown capability '" + capability + "'");
        }
      }
      checkPrice(problems, where + ".input-price", model.inputPrice());
      checkPrice(problems, where + ".output-price", model.outputPrice());
      checkPrice(problems, where + ".cached-input-price", model.cachedInputPrice());
      checkPrice(problems, where + ".cache-write-price", model.cacheWritePrice());
      if (model.contextWindow() != null && model.contextWindow() < 1) {
        problems.add(where + ".context-window: must be positive");
      }
    }
    problems.addAll(new DedicatedConfigValidator().validate(config.dedicated()));
    return problems;
  }

  private static void checkPrice(List<String> problems, String where, Double price) {
    if (price != null && (price < 0 || price.isNaN())) {
      problems.add(where + ": must be zero or more (USD per million tokens)");
    }
  }
}
