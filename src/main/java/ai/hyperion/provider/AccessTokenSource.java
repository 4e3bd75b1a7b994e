package ai.hyperion.provider;

import ai.hyperion.error.ProviderException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A source of OAuth access tokens for upstreams that take bearer tokens instead of API keys (Vertex
 * AI, for Gemini and for Claude; built by {@code provider.gcp}). {@link #get()} never blocks: it
 * completes with a cached token or after a refresh, and fails with a {@link ProviderException} when
 * no token can be had.
 */
@FunctionalInterface
public interface AccessTokenSource extends Supplier<CompletionStage<String>> {}
