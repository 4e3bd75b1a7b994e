package ai.hyperion.pipeline;

import java.util.concurrent.CompletionStage;

/**
 * The end of a streamed answer, shared by the writer that delivers the stream and the stages that
 * act after it (policy settlement, cache write-back, completion). The writer reports once that it
 * stopped; {@link #ended()} completes when both the upstream and the writer are done.
 */
public interface StreamEnding {

  /**
   * Called once by the writer when it stopped writing: after the last event, after the client went
   * away (the upstream is drained to its end regardless), or because it gave up ({@code
   * writerFailure}, e.g. an idle timeout).
   */
  void delivered(boolean clientDisconnected, Throwable writerFailure);

  CompletionStage<StreamEnd> ended();
}
