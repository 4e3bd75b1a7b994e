package ai.hyperion.bench;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayHeadersFilter;
import ai.hyperion.pipeline.OnceAdmission;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.ChatResponse;
import jakarta.ws.rs.core.MultivaluedMap;
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
 * The gateway's response headers (GatewayHeadersFilter): x-hyperion-* of a served call, the key's
 * x-ratelimit-* from a real policy admission, and Server-Timing when the client asks for it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeadersBenchmark {

  private final GatewayHeadersFilter filter = new GatewayHeadersFilter();
  private final ResponseContexts contexts = new ResponseContexts();
  private Exchange served;
  private Exchange debugged;

  @Setup
  public void setUp() {
    BenchWorld world = new BenchWorld();
    served = servedExchange(world, false);
    debugged = servedExchange(world, true);
    if (contexts.reset(debugged) != null) {
      filter.filter(contexts.request, contexts.response);
    }
    if (contexts.headers.getFirst("x-ratelimit-remaining-requests") == null
        || contexts.headers.getFirst("Server-Timing") == null) {
      throw new IllegalStateException("headers missing: " + contexts.headers.keySet());
    }
  }

  /** An exchange as the pipeline leaves it: admitted by the policy stage, routed and served. */
  private static Exchange servedExchange(BenchWorld world, boolean debug) {
    Exchange exchange = world.exchange(debug);
    var call = world.call(exchange, world.body());
    exchange.admission(new OnceAdmission(world.policy.admit(call).toCompletableFuture().join()));
    ChatResponse answer = world.answer();
    world.gateway.chat(call).toCompletableFuture().join();
    exchange.admission().settle(answer.usage(), exchange.servedModel());
    exchange.record(Stage.AUTH, 4_000);
    return exchange;
  }

  @Benchmark
  public MultivaluedMap<String, Object> gatewayHeaders() {
    filter.filter(contexts.reset(served).request, contexts.response);
    return contexts.headers;
  }

  /** With {@code x-hyperion-debug: 1}: the same plus Server-Timing of every recorded stage. */
  @Benchmark
  public MultivaluedMap<String, Object> withServerTiming() {
    filter.filter(contexts.reset(debugged).request, contexts.response);
    return contexts.headers;
  }
}
