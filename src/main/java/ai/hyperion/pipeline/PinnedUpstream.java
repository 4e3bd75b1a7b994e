package ai.hyperion.pipeline;

import java.net.URI;
import java.util.Objects;

/**
 * The one upstream a call must be served by, chosen before routing (a dedicated endpoint): an
 * OpenAI-compatible server at {@code baseUrl} (ending in {@code /v1}) that serves {@code model}.
 * {@code name} identifies it in headers, logs and usage ({@code x-hyperion-provider}); it is called
 * without an API key. The router makes it the call's only attempt unless the request names
 * fallbacks itself.
 */
public record PinnedUpstream(String name, URI baseUrl, String model) {

  public PinnedUpstream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
  }
}
