package ai.hyperion.bench;

import ai.hyperion.pipeline.Exchange;
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

/** Writing the client's answer: canonical ChatResponse to OpenAI chat.completion bytes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnswerBenchmark {

  private BenchWorld world;
  private ChatResponse response;
  private Exchange exchange;

  @Setup
  public void setUp() {
    world = new BenchWorld();
    response = world.answer();
    exchange = world.exchange(false);
  }

  @Benchmark
  public byte[] writeAnswer() {
    return world.dialect.writeAnswer(response, exchange);
  }
}
