import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.LiveStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap the live registry keeps for streams in flight that nobody follows: STREAMS streams of
 * CHUNKS text deltas of 4 characters each, held at once, measured as the heap in use after full
 * collections before and after. Arguments: STREAMS CHUNKS.
 */
public final class LiveStreamFootprint {

  public static void main(String[] args) throws InterruptedException {
    int streams = Integer.parseInt(args[0]);
    int chunks = Integer.parseInt(args[1]);
    long before = heapInUse();
    List<LiveStream> held = new ArrayList<>(streams);
    for (int s = 0; s < streams; s++) {
      LiveStream stream = new LiveStream("req_" + s, "org_bench", null, "bench-model");
      stream.event(new StreamEvent.Start("chatcmpl-" + s, "bench-model", 1));
      for (int c = 0; c < chunks; c++) {
        stream.event(new StreamEvent.TextDelta(0, " w" + c % 10 + "."));
      }
      held.add(stream);
    }
    long bytes = heapInUse() - before;
    System.out.printf(
        "| %,d | %,d | %.1f | %.1f |%n",
        streams, chunks, bytes / (double) streams / chunks, bytes / (double) streams / 1024);
    if (held.size() != streams) {
      throw new IllegalStateException("streams lost");
    }
  }

  private static long heapInUse() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
