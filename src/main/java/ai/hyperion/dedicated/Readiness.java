package ai.hyperion.dedicated;

import java.net.URI;

/** What a platform reports about an endpoint's server. */
public sealed interface Readiness {

  /** The platform runs nothing for this endpoint (never started, or lost in a restart). */
  record Absent() implements Readiness {}

  /** Scaled to zero: the definition is kept, nothing runs. */
  record Stopped() implements Readiness {}

  /** Starting: pulling, loading weights, or waiting for a node; {@code detail} says which. */
  record Starting(String detail) implements Readiness {}

  /** Serving: the OpenAI-compatible API is at {@code baseUrl} (ends in {@code /v1}). */
  record Ready(URI baseUrl) implements Readiness {}

  /** Will not come up without a change: the process exited, the image does not pull, ... */
  record Failed(String reason) implements Readiness {}
}
