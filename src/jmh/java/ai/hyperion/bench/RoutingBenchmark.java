package ai.hyperion.bench;

import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.routing.RoutePlan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing an explicit model: catalog resolution, the allow-list and key checks, intent
 * classification and the ordered attempt plan ({@code Router.plan}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingBenchmark {

  private BenchWorld world;
  private ChatCall call;

  @Setup
  public void setUp() {
    world = new BenchWorld();
    call = world.call();
  }

  @Benchmark
  public RoutePlan planExplicitModel() {
    return world.router.plan(call, Admission.UNLIMITED);
  }
}
