package ai.hyperion.pipeline;

import java.util.function.Consumer;

/**
 * What the cache stage found for a call whose result type is {@code R}: a {@link Hit} answers the
 * call without routing or execution; a {@link Miss} lets it proceed and hands the result to its
 * write-back (also a forced refresh or {@code no-cache}, which skip the read); a {@link Bypass}
 * lets it proceed without writing back. The stage records the header values in the Exchange itself.
 */
public sealed interface CacheOutcome<R> {

  /** The cached result and the value of {@code x-hyperion-cache-detail}. */
  record Hit<R>(R result, String detail) implements CacheOutcome<R> {}

  /**
   * {@code writeBack} receives the call's result once, only when the call succeeded; it decides
   * what to keep (for a stream it waits for the stream's end) and never throws into the caller's
   * answer.
   */
  record Miss<R>(Consumer<R> writeBack) implements CacheOutcome<R> {}

  record Bypass<R>() implements CacheOutcome<R> {}
}
