package ai.hyperion.provider.gcp;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A source of OAuth access tokens for Google Cloud APIs (Vertex AI for Gemini and for Claude).
 * {@link #get()} never blocks: it completes with a cached token or after a refresh, and fails with
 * a {@link ai.hyperion.provider.ProviderException} when no token can be had.
 */
@FunctionalInterface
public interface AccessTokenSource extends Supplier<CompletionStage<String>> {}
