import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.routing.DeploymentBalancer;
import ai.hyperion.routing.DeploymentRegistry;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.routing.PrefixAffinity;
import ai.hyperion.routing.RoutePlanner;
import ai.hyperion.routing.RouteRequest;
import ai.hyperion.routing.intent.IntentClassifier;
import ai.hyperion.routing.intent.LabelledPrompts;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cost per request of the intent classifier alone and of the whole route plan (classification,
 * needs, smart routing over the shipped catalog, prefix fingerprint), on the labelled prompts
 * (short questions up to ~45 KB documents), in one thread after warm-up.
 */
public class IntentCost {
  public static void main(String[] args) {
    int warmup = Integer.getInteger("bench.warmup", 50_000);
    int calls = Integer.getInteger("bench.calls", 200_000);
    List<ChatRequest> requests =
        LabelledPrompts.load().stream().map(LabelledPrompts.Labelled::request).toList();
    IntentClassifier classifier = new IntentClassifier();
    GatewayConfig config = new GatewayConfigLoader(n -> Optional.empty()).load(Optional.empty());
    ModelCatalog catalog = new ModelCatalog(config);
    DeploymentRegistry registry = new DeploymentRegistry(config, Clock.systemUTC());
    PrefixAffinity affinity = new PrefixAffinity(Duration.ofMinutes(5), 100_000, Clock.systemUTC());
    RoutePlanner planner =
        new RoutePlanner(
            config,
            catalog,
            new DeploymentBalancer(registry, affinity, config.routing().balancer(),
                Clock.systemUTC()));
    List<RouteRequest> routed =
        requests.stream()
            .map(r -> new RouteRequest(r.withModel("gpt-4o"), true, List.of(), null, null, null))
            .toList();
    System.out.println(
        "| what | CPU µs/call | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |");
    System.out.println("|---|---|---|---|---|---|---|");
    row("classify", measure(warmup, calls, i -> classifier.classify(requests.get(i % requests.size()))));
    row("route plan (classify + smart + fingerprint)",
        measure(warmup, calls, i -> planner.plan(routed.get(i % routed.size()))));
  }

  interface Op {
    Object run(int i);
  }

  static long sink;

  static double cpuMicros;

  /** Wall-clock nanos per call, sorted; {@link #cpuMicros} gets this thread's CPU time per call. */
  static long[] measure(int warmup, int calls, Op op) {
    for (int i = 0; i < warmup; i++) {
      sink += op.run(i).hashCode();
    }
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      sink += op.run(i).hashCode();
      nanos[i] = System.nanoTime() - start;
    }
    cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / calls;
    Arrays.sort(nanos);
    return nanos;
  }

  static void row(String what, long[] sorted) {
    System.out.println(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |",
        what, cpuMicros,
        at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999),
        sorted[sorted.length - 1] / 1000.0));
  }

  static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1000.0;
  }
}
