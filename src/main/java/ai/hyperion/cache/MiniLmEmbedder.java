package ai.hyperion.cache;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions) run in this JVM by ONNX Runtime: no network.
 * The model is loaded once, on the embedder's own threads, the first time it is needed (or by
 * {@link #warmUp()}). Work runs on a bounded pool with a bounded queue, never on a request or HTTP
 * client thread; when the queue is full the request is refused rather than queued without limit.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(MiniLmEmbedder.class.getName());

  /** Bounded pool: at most {@code threads} embeddings at once, {@code queue} waiting. */
  private final ThreadPoolExecutor executor;

  /** Set once on an embedder thread; volatile so every pool thread sees the loaded model. */
  private volatile EmbeddingModel model;

  private volatile long loadMillis = -1;

  public MiniLmEmbedder(int threads, int queue) {
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            task -> {
              Thread thread = new Thread(task, "hyperion-embedder-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  @Override
  public String id() {
    return "all-minilm-l6-v2-q";
  }

  @Override
  public CompletionStage<float[]> embed(String text) {
    return CompletableFuture.supplyAsync(() -> embedNow(text), executor);
  }

  /** Loads the model in the background so the first semantic lookup does not pay for it. */
  public CompletionStage<Long> warmUp() {
    return CompletableFuture.supplyAsync(
            () -> {
              model();
              return loadMillis;
            },
            executor)
        .whenComplete(
            (millis, failure) -> {
              if (failure != null) {
                LOG.log(Level.SEVERE, "The embedding model could not be loaded", failure);
              }
            });
  }

  @Override
  public Long loadMillis() {
    return loadMillis < 0 ? null : loadMillis;
  }

  /** Embeds on the calling thread: for benchmarks and the quality evaluation only. */
  public float[] embedNow(String text) {
    float[] vector = model().embed(text).content().vector();
    return Vectors.normalised(vector);
  }

  private EmbeddingModel model() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        loaded = model;
        if (loaded == null) {
          long start = System.nanoTime();
          // The model's executor only parallelises batches; single texts run on our thread.
          loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
          loadMillis = (System.nanoTime() - start) / 1_000_000;
          model = loaded;
          long millis = loadMillis;
          LOG.info(
              () -> "Embedding model all-MiniLM-L6-v2 (quantised) loaded in " + millis + " ms");
        }
      }
    }
    return loaded;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
