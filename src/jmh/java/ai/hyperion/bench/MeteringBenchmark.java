package ai.hyperion.bench;

import ai.hyperion.metering.CostCalculator;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.OnceAdmission;
import ai.hyperion.provider.Usage;
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
 * Metering and limits: the USD cost of a usage (UsageMeter's and the request log's way, and the
 * ledger's exact nanodollars), and the policy stage's admit then settle on the in-process store for
 * a key with request, token and concurrency limits and a monthly budget.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MeteringBenchmark {

  /** The canned answer's usage: 16 prompt and 363 completion tokens. */
  private static final Usage USAGE = new Usage(16, 363);

  private BenchWorld world;
  private ChatCall parsed;

  @Setup
  public void setUp() {
    world = new BenchWorld();
    parsed = world.call();
  }

  /** UsageMeter / request log: catalog facts, then CostCalculator (USD as a double). */
  @Benchmark
  public double usageCost() {
    return world
        .prices
        .facts(BenchWorld.MODEL)
        .map(facts -> CostCalculator.cost(facts, USAGE))
        .orElse(0.0);
  }

  /** The ledger's charge: PriceBook.chargeFor then ModelPrice.costNanos. */
  @Benchmark
  public long ledgerCharge() {
    return world.prices.chargeFor(BenchWorld.MODEL, BenchWorld.MODEL).costNanos(USAGE);
  }

  /**
   * PolicyStage.admit (token estimate with jtokkit, price, limits and budget reserved in the
   * LocalPolicyStore) then settle with the real usage, as PolicyInterceptor does; a new exchange
   * per request.
   */
  @Benchmark
  public Admission admitAndSettle() {
    ChatCall call = new ChatCall(world.exchange(false), parsed.request(), parsed.options());
    OnceAdmission admission =
        new OnceAdmission(world.policy.admit(call).toCompletableFuture().join());
    call.exchange().admission(admission);
    admission.settle(USAGE, BenchWorld.MODEL);
    return admission;
  }
}
