package ai.hyperion.stream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflaters and inflaters kept for reuse. Each holds native zlib state (a deflater's is a few
 * hundred KiB) that a new one allocates and initialises, and that only {@code end()} frees: on the
 * cache's write and hit paths that set-up cost more than compressing a short answer. A few are
 * kept; one released while the few are already kept is ended.
 */
final class Zlib {

  private static final int KEPT = 8;
  private static final BlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(KEPT);
  private static final BlockingQueue<Inflater> INFLATERS = new ArrayBlockingQueue<>(KEPT);

  private Zlib() {}

  /** A deflater at {@link Deflater#BEST_SPEED}, ready for new input. */
  static Deflater deflater() {
    Deflater kept = DEFLATERS.poll();
    return kept != null ? kept : new Deflater(Deflater.BEST_SPEED);
  }

  static void release(Deflater deflater) {
    deflater.reset();
    if (!DEFLATERS.offer(deflater)) {
      deflater.end();
    }
  }

  static Inflater inflater() {
    Inflater kept = INFLATERS.poll();
    return kept != null ? kept : new Inflater();
  }

  static void release(Inflater inflater) {
    inflater.reset();
    if (!INFLATERS.offer(inflater)) {
      inflater.end();
    }
  }
}
