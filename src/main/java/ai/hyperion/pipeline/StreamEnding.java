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

  /**
   * Called by the writer as soon as it sees the client gone (before {@link #delivered}, which comes
   * when the upstream is drained): the upstream read from then on is bounded (see {@code
   * stream.DrainLimit}). Every writer calls it once when it detects a disconnect.
   */
  default void clientGone() {}

  CompletionStage<StreamEnd> ended();
}
