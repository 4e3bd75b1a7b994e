package ai.hyperion.bench;

import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.Secret;
import ai.hyperion.routing.ModelDeployment;
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
 * The upstream call without the network ({@link CannedUpstream}): the OpenAI adapter alone
 * (parameter policy, encode, HttpRequest, bounded body read with its timers, decode), and the
 * gateway's whole non-streamed call around it (route, lease a deployment and key, attempt record,
 * served-by, the adapter).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpstreamBenchmark {

  private BenchWorld world;
  private ChatCall parsed;
  private Provider adapter;
  private Secret key;
  private ChatRequest upstreamRequest;

  @Setup
  public void setUp() {
    world = new BenchWorld();
    parsed = world.call();
    ModelDeployment deployment = world.deployments.ofModel(BenchWorld.MODEL).get(0);
    adapter = deployment.adapter();
    key = deployment.keys().acquire(null).orElseThrow().secret();
    upstreamRequest =
        adapter
            .parameterPolicy()
            .apply(
                parsed
                    .request()
                    .withModel(deployment.upstreamModel())
                    .withConversationScope(world.tenant.orgId()))
            .request();
  }

  /** OpenAiProvider.chat: ChatRequest to upstream bytes, the canned answer back to ChatResponse. */
  @Benchmark
  public ChatResponse adapterChat() {
    return adapter.chat(upstreamRequest, key).toCompletableFuture().join();
  }

  /** Gateway.chat (no interceptors): route, attempt runner, adapter; a new exchange per call. */
  @Benchmark
  public ChatResult gatewayChat() {
    ChatCall call = new ChatCall(world.exchange(false), parsed.request(), parsed.options());
    return world.gateway.chat(call).toCompletableFuture().join();
  }
}
