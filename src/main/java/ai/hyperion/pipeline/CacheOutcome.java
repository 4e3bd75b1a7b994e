package ai.hyperion.pipeline;

/**
 * What the cache stage found for a call whose result type is {@code R}: a {@link Hit} answers the
 * call without routing or execution; a {@link Miss} lets it proceed and writes the result back
 * (also a forced refresh, which skips the read); a {@link Bypass} lets it proceed without writing
 * back. The stage records the header values in the Exchange itself.
 */
public sealed interface CacheOutcome<R> {

  /** The cached result and the value of {@code x-hyperion-cache-detail}. */
  record Hit<R>(R result, String detail) implements CacheOutcome<R> {}

  record Miss<R>() implements CacheOutcome<R> {}

  record Bypass<R>() implements CacheOutcome<R> {}
}
