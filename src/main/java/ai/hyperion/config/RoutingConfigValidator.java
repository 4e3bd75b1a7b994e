package ai.hyperion.config;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routing half of gateway.yaml validation: per-provider retries, breakers and timeouts,
 * per-model tiers, downgrades, fallbacks and deployments, and the {@code routing} section. Adds to
 * the same problem list as {@link GatewayConfigValidator}, so an operator sees every mistake at
 * once.
 */
final class RoutingConfigValidator {

  private final GatewayConfig config;
  private final List<String> problems;
  private final Map<String, ModelConfig> byName = new HashMap<>();

  RoutingConfigValidator(GatewayConfig config, List<String> problems) {
    this.config = config;
    this.problems = problems;
    for (ModelConfig model : config.models()) {
      if (model.id() != null) {
        byName.putIfAbsent(model.id(), model);
        model.aliases().forEach(alias -> byName.putIfAbsent(alias, model));
      }
    }
  }

  void validate() {
    config.providers().forEach(this::provider);
    for (int i = 0; i < config.models().size(); i++) {
      ModelConfig model = config.models().get(i);
      if (model.id() != null && !model.id().isBlank()) {
        model("models[" + i + "] (" + model.id() + ")", model);
      }
    }
    routing(config.routing());
  }

  private void provider(String name, ProviderConfig provider) {
    if (provider == null) {
      return;
    }
    String where = "providers." + name;
    RetryConfig retry = provider.retry();
    range(where + ".retry.max-retries", retry.maxRetries(), 0, 10);
    range(where + ".retry.initial-backoff-ms", retry.initialBackoffMs(), 1, 600_000);
    range(where + ".retry.max-backoff-ms", retry.maxBackoffMs(), 1, 600_000);
    if (retry.maxBackoffMs() < retry.initialBackoffMs()) {
      problems.add(where + ".retry.max-backoff-ms: must not be below initial-backoff-ms");
    }
    range(where + ".retry.max-retry-after-seconds", retry.maxRetryAfterSeconds(), 0, 3600);
    BreakerConfig breaker = provider.breaker();
    range(where + ".breaker.failure-threshold", breaker.failureThreshold(), 1, 10_000);
    if (!(breaker.failureRatio() > 0 && breaker.failureRatio() <= 1)) {
      problems.add(where + ".breaker.failure-ratio: must be above 0 and at most 1");
    }
    range(where + ".breaker.window", breaker.window(), 1, 10_000);
    range(where + ".breaker.open-seconds", breaker.openSeconds(), 1, 86_400);
    range(where + ".breaker.half-open-probes", breaker.halfOpenProbes(), 1, 1000);
    positive(where + ".first-byte-timeout-seconds", provider.firstByteTimeoutSeconds());
    positive(where + ".idle-timeout-seconds", provider.idleTimeoutSeconds());
  }

  private void model(String where, ModelConfig model) {
    if (model.tier() != null) {
      range(where + ".tier", model.tier(), 1, 10);
    }
    if (model.maxOutputTokens() != null) {
      range(where + ".max-output-tokens", model.maxOutputTokens(), 1, 10_000_000);
    }
    for (String target : model.downgradeTo()) {
      ModelConfig to = byName.get(target);
      if (to == null) {
        problems.add(where + ".downgrade-to: '" + target + "' is not a model id or alias");
      } else if (to == model) {
        problems.add(where + ".downgrade-to: a model cannot downgrade to itself");
      } else if (model.family() == null || !model.family().equals(to.family())) {
        problems.add(
            where
                + ".downgrade-to: '"
                + target
                + "' is in family '"
                + to.family()
                + "', not '"
                + model.family()
                + "' (smart routing stays within a family)");
      }
    }
    if (model.downgradeIntents() != null) {
      intents(where + ".downgrade-intents", model.downgradeIntents());
    }
    for (String fallback : model.fallbacks()) {
      if (!byName.containsKey(fallback) && !passThrough(fallback)) {
        problems.add(where + ".fallbacks: '" + fallback + "' is not a model id or alias");
      } else if (byName.get(fallback) == model) {
        problems.add(where + ".fallbacks: a model cannot fall back to itself");
      }
    }
    Set<String> ids = new HashSet<>();
    for (int d = 0; d < model.deployments().size(); d++) {
      DeploymentConfig deployment = model.deployments().get(d);
      String at = where + ".deployments[" + d + "]";
      if (deployment.provider() == null || !config.providers().containsKey(deployment.provider())) {
        problems.add(
            at + ".provider: '" + deployment.provider() + "' is not defined under providers");
        continue;
      }
      if (!ids.add(deployment.effectiveId())) {
        problems.add(at + ".id: '" + deployment.effectiveId() + "' is used twice in this model");
      }
      range(at + ".weight", deployment.weight(), 1, 1000);
      if (deployment.baseUrl() != null && !httpUrl(deployment.baseUrl())) {
        problems.add(at + ".base-url: must be an http(s) URL, was '" + deployment.baseUrl() + "'");
      }
    }
  }

  private void routing(RoutingConfig routing) {
    range("routing.long-context-tokens", routing.longContextTokens(), 1, 100_000_000);
    intents("routing.smart.downgrade-intents", routing.smart().downgradeIntents());
    unit("routing.smart.max-complexity", routing.smart().maxComplexity());
    intents("routing.auto.min-tier", routing.auto().minTier().keySet());
    routing.auto().minTier().forEach((k, v) -> range("routing.auto.min-tier." + k, v, 1, 10));
    unit("routing.auto.hard-complexity", routing.auto().hardComplexity());
    range("routing.auto.assumed-output-tokens", routing.auto().assumedOutputTokens(), 1, 1 << 24);
    range("routing.affinity.ttl-seconds", routing.affinity().ttlSeconds(), 1, 86_400);
    range("routing.affinity.min-prefix-tokens", routing.affinity().minPrefixTokens(), 0, 1 << 24);
    range("routing.affinity.max-entries", routing.affinity().maxEntries(), 1, 10_000_000);
    double alpha = routing.balancer().ewmaAlpha();
    if (!(alpha > 0 && alpha <= 1)) {
      problems.add("routing.balancer.ewma-alpha: must be above 0 and at most 1");
    }
    if (!(routing.balancer().ejectionLatencyFactor() > 1)) {
      problems.add("routing.balancer.ejection-latency-factor: must be above 1");
    }
    range("routing.balancer.ejection-seconds", routing.balancer().ejectionSeconds(), 1, 86_400);
    range("routing.balancer.min-samples", routing.balancer().minSamples(), 1, 10_000);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < routing.experiments().size(); i++) {
      RoutingConfig.Experiment e = routing.experiments().get(i);
      String at = "routing.experiments[" + i + "]";
      if (e.name() == null || e.name().isBlank()) {
        problems.add(at + ".name: is required");
      } else if (!names.add(e.name())) {
        problems.add(at + ".name: '" + e.name() + "' is used twice");
      }
      if (e.model() == null || !byName.containsKey(e.model())) {
        problems.add(at + ".model: '" + e.model() + "' is not a model id or alias");
      }
      if (e.arms().isEmpty()) {
        problems.add(at + ".arms: needs at least one arm");
      }
      for (int a = 0; a < e.arms().size(); a++) {
        RoutingConfig.Arm arm = e.arms().get(a);
        if (arm.model() == null || !byName.containsKey(arm.model())) {
          problems.add(at + ".arms[" + a + "].model: '" + arm.model() + "' is not a model");
        }
        if (arm.weight() == null || arm.weight() < 1) {
          problems.add(at + ".arms[" + a + "].weight: must be a positive whole number");
        }
      }
      if (!e.sticky().equals("user") && !e.sticky().equals("key")) {
        problems.add(at + ".sticky: must be 'user' or 'key', was '" + e.sticky() + "'");
      }
    }
  }

  private boolean passThrough(String name) {
    int slash = name.indexOf('/');
    return slash > 0 && config.providers().containsKey(name.substring(0, slash));
  }

  private void intents(String where, Set<String> intents) {
    for (String intent : intents) {
      if (!RoutingConfig.INTENTS.contains(intent)) {
        problems.add(
            where
                + ": unknown intent '"
                + intent
                + "' (one of "
                + new TreeSet<>(RoutingConfig.INTENTS)
                + ")");
      }
    }
  }

  private void range(String where, int value, int min, int max) {
    if (value < min || value > max) {
      problems.add(where + ": must be between " + min + " and " + max + ", was " + value);
    }
  }

  private void positive(String where, Double value) {
    if (value != null && !(value > 0)) {
      problems.add(where + ": must be above 0");
    }
  }

  private void unit(String where, double value) {
    if (!(value >= 0 && value <= 1)) {
      problems.add(where + ": must be between 0 and 1, was " + value);
    }
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme() != null
          && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
