package ai.hyperion.cache;

/**
 * What a miss (or a refresh) hands to {@link ResponseCache#store}: where the answer goes and under
 * which rules, decided at lookup time. Opaque to the pipeline.
 */
public record WriteBack(
    String key,
    String orgId,
    String scopeTag,
    String model,
    int ttlSeconds,
    boolean cacheToolCalls,
    int maxEntries,
    String conversation,
    String lastUserTurn,
    float[] vector) {

  /** Whether the answer also goes to the semantic tier. */
  boolean semantic() {
    return conversation != null && lastUserTurn != null;
  }

  WriteBack withVector(float[] embedded) {
    return new WriteBack(
        key,
        orgId,
        scopeTag,
        model,
        ttlSeconds,
        cacheToolCalls,
        maxEntries,
        conversation,
        lastUserTurn,
        embedded);
  }
}
