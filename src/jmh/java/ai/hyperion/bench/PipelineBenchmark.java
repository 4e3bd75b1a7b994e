package ai.hyperion.bench;

import ai.hyperion.metering.CostCalculator;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayHeadersFilter;
import ai.hyperion.pipeline.OnceAdmission;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.ChatResponse;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * All of our per-request work for a non-streamed chat, chained as the server runs it: start the
 * exchange, read and parse the body, policy admit, route and call the (canned) upstream through the
 * adapter, settle, cost, write the answer and the gateway headers. Not included: API-key
 * verification (bench/auth-verify.sh), the response cache, the completion event's observers, and
 * everything that belongs to Liberty, RESTEasy, Weld and the JDK's HTTP client.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineBenchmark {

  private final GatewayHeadersFilter headers = new GatewayHeadersFilter();
  private final ResponseContexts contexts = new ResponseContexts();
  private BenchWorld world;

  @Setup
  public void setUp() {
    world = new BenchWorld();
  }

  @Benchmark
  public void wholeOurs(Blackhole out) {
    Exchange exchange = world.exchange(false);
    ChatCall call = world.call(exchange, world.body());
    OnceAdmission admission =
        new OnceAdmission(
            exchange
                .timedAsync(Stage.POLICY, () -> world.policy.admit(call))
                .toCompletableFuture()
                .join());
    exchange.admission(admission);
    ChatResult result = world.gateway.chat(call).toCompletableFuture().join();
    ChatResponse response = ((ChatResult.Complete) result).response();
    admission.settle(response.usage(), exchange.servedModel());
    out.consume(
        CostCalculator.cost(
            world.prices.facts(exchange.servedModel()).orElse(null), response.usage()));
    out.consume(world.dialect.writeAnswer(response, exchange));
    headers.filter(contexts.reset(exchange).request, contexts.response);
    out.consume(contexts.headers);
  }
}
