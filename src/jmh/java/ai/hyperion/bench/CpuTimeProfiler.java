package ai.hyperion.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation ({@code -prof ai.hyperion.bench.CpuTimeProfiler}): the benchmark threads'
 * own CPU time ({@code cpu.worker.norm}) and the whole JVM's, GC and compiler threads included
 * ({@code cpu.process.norm}), in µs per operation. On a machine shared with other work, wall time
 * per operation measures the queue for a core; CPU time per operation measures the code.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private Map<Long, Long> workersBefore = Map.of();
  private long processBefore;

  @Override
  public String getDescription() {
    return "CPU time per operation: benchmark threads and the whole JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    workersBefore = workerCpu();
    processBefore = os.getProcessCpuTime();
  }

  @Override
  public List<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long process = os.getProcessCpuTime() - processBefore;
    long workers = 0;
    for (Map.Entry<Long, Long> now : workerCpu().entrySet()) {
      workers += now.getValue() - workersBefore.getOrDefault(now.getKey(), 0L);
    }
    double ops = Math.max(1, result.getMetadata().getAllOps());
    return List.of(
        new ScalarResult("cpu.worker.norm", workers / ops / 1000.0, "us/op", AggregationPolicy.AVG),
        new ScalarResult(
            "cpu.process.norm", process / ops / 1000.0, "us/op", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }
}
