package ai.hyperion.routing;

import ai.hyperion.config.RoutingConfig;
import ai.hyperion.routing.PrefixAffinity.Binding;
import ai.hyperion.routing.resilience.UpstreamKeyPool.PooledKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Picks the deployment and key for one attempt. A deployment is eligible when its breaker admits a
 * call, it is not ejected as a latency outlier, and its upstream has a usable key. The prefix's
 * affinity binding wins when eligible; otherwise two eligible deployments are drawn by weight and
 * the less loaded one is taken, load being {@code (in-flight + 1) × latency EWMA} (power of two
 * choices: weight-proportional when idle, away from slow or busy deployments under load).
 *
 * <p>Outlier ejection: when a deployment's latency EWMA exceeds {@code ejectionLatencyFactor} times
 * the median of its peers (each with {@code minSamples}), it gets no new calls for {@code
 * ejectionSeconds} (if it is also {@link #MIN_EJECTION_GAP_MILLIS} slower), never leaving a model
 * without a deployment; errors are the breaker's business.
 */
public final class DeploymentBalancer {

  /** Below this gap to the median, a latency difference is noise, whatever the ratio. */
  static final double MIN_EJECTION_GAP_MILLIS = 100;

  private final DeploymentRegistry registry;
  private final PrefixAffinity affinity;
  private final RoutingConfig.Balancer settings;
  private final Clock clock;
  private final RandomGenerator random;

  public DeploymentBalancer(
      DeploymentRegistry registry,
      PrefixAffinity affinity,
      RoutingConfig.Balancer settings,
      Clock clock) {
    this(registry, affinity, settings, clock, null);
  }

  DeploymentBalancer(
      DeploymentRegistry registry,
      PrefixAffinity affinity,
      RoutingConfig.Balancer settings,
      Clock clock,
      RandomGenerator random) {
    this.registry = registry;
    this.affinity = affinity;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  public DeploymentRegistry registry() {
    return registry;
  }

  public PrefixAffinity affinity() {
    return affinity;
  }

  /**
   * A lease on a deployment of {@code model} and one of its keys, or empty when none can take a
   * call (breakers open, keys cooling or removed). {@code avoid} lists deployments that already
   * failed this request; they are used only when nothing else is eligible.
   */
  public Optional<Lease> acquire(CatalogModel model, String fingerprint, Set<String> avoid) {
    return acquire(registry.of(model), fingerprint, avoid);
  }

  /** As {@link #acquire(CatalogModel, String, Set)}, on the candidate's deployments. */
  public Optional<Lease> acquire(Candidate candidate, String fingerprint, Set<String> avoid) {
    return candidate.pinned() != null
        ? acquire(List.of(candidate.pinned()), fingerprint, avoid)
        : acquire(candidate.model(), fingerprint, avoid);
  }

  private Optional<Lease> acquire(
      List<ModelDeployment> all, String fingerprint, Set<String> avoid) {
    Instant now = clock.instant();
    List<ModelDeployment> eligible = new ArrayList<>();
    for (ModelDeployment d : all) {
      if (!avoid.contains(d.id()) && eligible(d, now)) {
        eligible.add(d);
      }
    }
    if (eligible.isEmpty()) {
      for (ModelDeployment d : all) {
        if (eligible(d, now)) {
          eligible.add(d);
        }
      }
    }
    Optional<Binding> bound = affinity.lookup(fingerprint);
    while (!eligible.isEmpty()) {
      ModelDeployment chosen = null;
      Integer preferredKey = null;
      if (bound.isPresent()) {
        for (ModelDeployment d : eligible) {
          if (d.id().equals(bound.get().deploymentId())) {
            chosen = d;
            preferredKey = bound.get().keyIndex();
          }
        }
      }
      if (chosen == null) {
        chosen = twoChoices(eligible);
      }
      eligible.remove(chosen);
      if (!chosen.breaker().tryAcquire()) {
        continue;
      }
      Optional<PooledKey> key = chosen.keys().acquire(preferredKey);
      if (key.isEmpty()) {
        chosen.breaker().onNeutral();
        continue;
      }
      chosen.inFlight.incrementAndGet();
      boolean hit =
          bound.isPresent()
              && bound.get().deploymentId().equals(chosen.id())
              && bound.get().keyIndex() == key.get().index();
      affinity.bind(fingerprint, new Binding(chosen.id(), key.get().index()));
      return Optional.of(new Lease(this, chosen, key.get(), hit));
    }
    return Optional.empty();
  }

  /** Whether any deployment of the model could take a call now (for planning). */
  public boolean available(CatalogModel model) {
    Instant now = clock.instant();
    return registry.of(model).stream().anyMatch(d -> eligible(d, now));
  }

  /** Whether any deployment of the candidate could take a call now. */
  public boolean available(Candidate candidate) {
    return candidate.pinned() != null
        ? eligible(candidate.pinned(), clock.instant())
        : available(candidate.model());
  }

  private static boolean eligible(ModelDeployment d, Instant now) {
    return !d.ejectedUntil.isAfter(now) && d.breaker().available() && d.keys().hasUsableKey();
  }

  private ModelDeployment twoChoices(List<ModelDeployment> eligible) {
    if (eligible.size() == 1) {
      return eligible.get(0);
    }
    ModelDeployment a = byWeight(eligible);
    ModelDeployment b = byWeight(eligible);
    return load(b) < load(a) ? b : a;
  }

  private ModelDeployment byWeight(List<ModelDeployment> eligible) {
    int total = 0;
    for (ModelDeployment d : eligible) {
      total += d.weight();
    }
    int pick = rng().nextInt(total);
    for (ModelDeployment d : eligible) {
      pick -= d.weight();
      if (pick < 0) {
        return d;
      }
    }
    return eligible.get(eligible.size() - 1);
  }

  private static double load(ModelDeployment d) {
    double ewma = d.latencyEwmaMillis;
    return (d.inFlight.get() + 1) * (Double.isNaN(ewma) ? 1.0 : Math.max(1.0, ewma));
  }

  private RandomGenerator rng() {
    return random != null ? random : ThreadLocalRandom.current();
  }

  /** Folds one latency sample into the deployment's EWMA, then checks it against its peers. */
  void recordLatency(ModelDeployment d, double millis) {
    synchronized (d) {
      double previous = d.latencyEwmaMillis;
      d.latencyEwmaMillis =
          Double.isNaN(previous) ? millis : previous + settings.ewmaAlpha() * (millis - previous);
      d.samples.incrementAndGet();
    }
    checkOutlier(d);
  }

  private void checkOutlier(ModelDeployment d) {
    if (d.samples.get() < settings.minSamples()) {
      return;
    }
    List<ModelDeployment> peers = registry.ofModel(d.model());
    List<Double> peerLatencies = new ArrayList<>();
    Instant now = clock.instant();
    int ejected = 0;
    for (ModelDeployment p : peers) {
      if (p.ejectedUntil.isAfter(now)) {
        ejected++;
      } else if (p != d && p.samples.get() >= settings.minSamples()) {
        peerLatencies.add(p.latencyEwmaMillis);
      }
    }
    if (peerLatencies.isEmpty() || ejected + 1 >= peers.size()) {
      return;
    }
    peerLatencies.sort(Double::compare);
    double median = peerLatencies.get(peerLatencies.size() / 2);
    if (d.latencyEwmaMillis > settings.ejectionLatencyFactor() * median
        && d.latencyEwmaMillis - median >= MIN_EJECTION_GAP_MILLIS) {
      d.ejectedUntil = now.plus(Duration.ofSeconds(settings.ejectionSeconds()));
      // It comes back judged afresh, from its peers' latency.
      d.latencyEwmaMillis = median;
    }
  }
}
