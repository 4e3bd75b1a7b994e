package ai.hyperion.config;

import ai.hyperion.provider.ProviderType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a bound configuration for mistakes an operator can fix, naming each one. */
final class GatewayConfigValidator {

  List<String> validate(GatewayConfig config) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
      String where = "providers." + entry.getKey();
      ProviderConfig provider = entry.getValue();
      if (provider == null) {
        problems.add(where + ": is empty");
        continue;
      }
      if (ProviderType.of(provider.type()).isEmpty()) {
        problems.add(
            where
                + ".type: must be one of "
                + Arrays.stream(ProviderType.values()).map(ProviderType::configName).toList()
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
      if (model.maxOutputTokens() != null && model.maxOutputTokens() < 1) {
        problems.add(where + ".max-output-tokens: must be positive");
      }
    }
    validatePricing(problems, config.pricing());
    new RoutingConfigValidator(config, problems).validate();
    problems.addAll(new DedicatedConfigValidator().validate(config.dedicated()));
    problems.addAll(new McpConfigValidator().validate(config.mcp()));
    return problems;
  }

  private static void validatePricing(List<String> problems, PricingConfig pricing) {
    String mode = pricing.unpricedModels();
    if (!PricingConfig.REJECT_MODE.equals(mode) && !PricingConfig.DEFAULT_MODE.equals(mode)) {
      problems.add("pricing.unpriced-models: must be 'reject' or 'default', was '" + mode + "'");
      return;
    }
    checkPrice(problems, "pricing.default-input-price", pricing.defaultInputPrice());
    checkPrice(problems, "pricing.default-output-price", pricing.defaultOutputPrice());
    if (pricing.chargesDefaultPrice()) {
      if (pricing.defaultInputPrice() == null) {
        problems.add("pricing.default-input-price: is required when unpriced-models is 'default'");
      }
      if (pricing.defaultOutputPrice() == null) {
        problems.add("pricing.default-output-price: is required when unpriced-models is 'default'");
      }
    }
  }

  private static void checkPrice(List<String> problems, String where, Double price) {
    if (price != null && (price < 0 || price.isNaN() || price.isInfinite())) {
      problems.add(where + ": must be zero or more (USD per million tokens)");
    }
  }
}
