package ai.hyperion.stream;

import ai.hyperion.error.ProviderException;
import java.time.Duration;

/**
 * How long and how much the gateway keeps reading an upstream stream after its client went away:
 * enough for the answer to be metered and persisted, bounded so that a runaway upstream cannot hold
 * a connection forever. Past either bound the upstream is cancelled and the answer is kept as
 * incomplete.
 *
 * @param maxDuration from the client's disconnect to the upstream's end
 * @param maxChars text (content, reasoning, tool arguments) read after the disconnect
 */
public record DrainLimit(Duration maxDuration, long maxChars) {

  public static final DrainLimit UNBOUNDED = new DrainLimit(null, Long.MAX_VALUE);

  /** Why a stream was cut past one of the bounds ({@code what}: duration or size). */
  public static ProviderException exceeded(String what) {
    return new ProviderException(
        502,
        "upstream_error",
        "drain_limit_exceeded",
        null,
        "The client disconnected and the upstream ran past the gateway's " + what + " limit.",
        false);
  }
}
