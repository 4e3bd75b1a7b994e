package ai.hyperion.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code routing} section of gateway.yaml: classification, smart and auto routing, prefix
 * affinity, deployment balancing and model-level A/B experiments. Every key has a default.
 */
public record RoutingConfig(
    Integer longContextTokens,
    Smart smart,
    Auto auto,
    Affinity affinity,
    Balancer balancer,
    List<Experiment> experiments) {

  /** The intent names of the classifier (routing.intent.Intent; a test keeps the two equal). */
  public static final Set<String> INTENTS =
      Set.of(
          "code", "math", "reasoning", "long-context", "extraction", "creative", "chat", "general");

  public static final RoutingConfig DEFAULT = new RoutingConfig(null, null, null, null, null, null);

  public RoutingConfig {
    longContextTokens = longContextTokens == null ? 8000 : longContextTokens;
    smart = smart == null ? Smart.DEFAULT : smart;
    auto = auto == null ? Auto.DEFAULT : auto;
    affinity = affinity == null ? Affinity.DEFAULT : affinity;
    balancer = balancer == null ? Balancer.DEFAULT : balancer;
    experiments = experiments == null ? List.of() : List.copyOf(experiments);
  }

  /**
   * Smart routing: the intents a model may be downgraded for unless the model lists its own, and
   * the highest complexity still downgraded.
   */
  public record Smart(Set<String> downgradeIntents, Double maxComplexity) {
    public static final Smart DEFAULT = new Smart(null, null);

    public Smart {
      downgradeIntents =
          downgradeIntents == null
              ? Set.of("chat", "general", "extraction", "creative")
              : Set.copyOf(downgradeIntents);
      maxComplexity = maxComplexity == null ? 0.5 : maxComplexity;
    }
  }

  /**
   * {@code model: auto}: the lowest model tier each intent needs, one tier more from {@code
   * hardComplexity} on, and the output tokens assumed when the request sets no limit.
   */
  public record Auto(
      Map<String, Integer> minTier, Double hardComplexity, Integer assumedOutputTokens) {
    public static final Auto DEFAULT = new Auto(null, null, null);

    public Auto {
      minTier =
          minTier == null
              ? Map.of(
                  "chat", 1,
                  "general", 1,
                  "extraction", 1,
                  "creative", 2,
                  "code", 2,
                  "math", 2,
                  "long-context", 2,
                  "reasoning", 3)
              : Map.copyOf(minTier);
      hardComplexity = hardComplexity == null ? 0.7 : hardComplexity;
      assumedOutputTokens = assumedOutputTokens == null ? 500 : assumedOutputTokens;
    }
  }

  /**
   * Prefix-cache affinity: how long a stable prefix stays bound to its deployment and key, the
   * smallest prefix worth binding (providers cache from about 1,024 tokens), and the table size.
   */
  public record Affinity(Integer ttlSeconds, Integer minPrefixTokens, Integer maxEntries) {
    public static final Affinity DEFAULT = new Affinity(null, null, null);

    public Affinity {
      ttlSeconds = ttlSeconds == null ? 300 : ttlSeconds;
      minPrefixTokens = minPrefixTokens == null ? 1024 : minPrefixTokens;
      maxEntries = maxEntries == null ? 100_000 : maxEntries;
    }
  }

  /**
   * Deployment balancing: latency EWMA smoothing, and outlier ejection of a deployment whose
   * latency exceeds {@code ejectionLatencyFactor} times its peers' median for {@code
   * ejectionSeconds}.
   */
  public record Balancer(
      Double ewmaAlpha, Double ejectionLatencyFactor, Integer ejectionSeconds, Integer minSamples) {
    public static final Balancer DEFAULT = new Balancer(null, null, null, null);

    public Balancer {
      ewmaAlpha = ewmaAlpha == null ? 0.3 : ewmaAlpha;
      ejectionLatencyFactor = ejectionLatencyFactor == null ? 3.0 : ejectionLatencyFactor;
      ejectionSeconds = ejectionSeconds == null ? 30 : ejectionSeconds;
      minSamples = minSamples == null ? 5 : minSamples;
    }
  }

  /**
   * A model-level A/B split for every tenant: requests for {@code model} are served by one of the
   * arms, chosen by weight and sticky per {@code sticky} ({@code user} or {@code key}).
   */
  public record Experiment(String name, String model, List<Arm> arms, String sticky) {
    public Experiment {
      arms = arms == null ? List.of() : List.copyOf(arms);
      sticky = sticky == null ? "user" : sticky;
    }
  }

  /** One arm of an experiment. */
  public record Arm(String model, Integer weight) {}
}
