package ai.hyperion.pipeline;

/**
 * The policy stage's hint to the router: serve {@code model} instead of the one asked for (for
 * example the first fallback the remaining budget affords), and why, for the answer's headers.
 */
public record PolicySignal(String model, String reason) {}
