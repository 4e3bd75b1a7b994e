package ai.hyperion.bench;

import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import com.fasterxml.jackson.databind.JsonNode;
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
 * Parsing a chat request: the exchange the first filter starts, the bounded body reader (bytes to
 * JsonNode), then the OpenAI dialect's canonical ChatRequest and the gateway's own options.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseBenchmark {

  private BenchWorld world;
  private Exchange exchange;

  @Setup
  public void setUp() {
    world = new BenchWorld();
    exchange = world.exchange(false);
  }

  /** ExchangeFilter's work: a request id, the clocks, the stage-timing map. */
  @Benchmark
  public Exchange startExchange() {
    return world.exchange(false);
  }

  /** RequestBodyReader: the size-checked read and Jackson's tree. */
  @Benchmark
  public JsonNode readBody() {
    return world.body();
  }

  /** Body to ChatCall: read, OpenAiDialect.readChat, model-name check, request options. */
  @Benchmark
  public ChatCall readChatCall() {
    return world.call(exchange, world.body());
  }
}
