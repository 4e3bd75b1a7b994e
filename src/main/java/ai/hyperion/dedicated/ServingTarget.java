package ai.hyperion.dedicated;

import java.net.URI;

/**
 * Where the data path sends a dedicated endpoint's traffic: an OpenAI-compatible server at {@code
 * baseUrl} (ending in {@code /v1}, so {@code baseUrl + "/chat/completions"} is the chat URL) that
 * serves {@code model} (send it as the request's {@code model}).
 */
public record ServingTarget(String endpointId, String orgId, String model, URI baseUrl) {}
