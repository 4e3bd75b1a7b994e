package ai.hyperion.provider.anthropic;

import java.util.concurrent.CompletionStage;

/**
 * Supplies an OAuth bearer token for Claude on Google Vertex AI. Implementations cache and refresh
 * the token themselves; the adapter asks once per upstream call and never logs the value.
 */
@FunctionalInterface
public interface AccessTokenSource {

  CompletionStage<String> token();
}
