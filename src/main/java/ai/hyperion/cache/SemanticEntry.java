package ai.hyperion.cache;

/**
 * A semantic-tier entry, shared through the cluster: the last user turn of a cached request, its
 * embedding and the hash of everything before it. The answer itself is the exact-tier entry {@code
 * key}.
 */
public record SemanticEntry(
    String key,
    String orgId,
    String scopeTag,
    String model,
    String embedder,
    String conversation,
    String text,
    float[] vector,
    long createdAtMillis,
    long expiresAtMillis) {

  /** The local index this entry belongs to: one per scope, model and embedding model. */
  public String partition() {
    return partition(scopeTag, model, embedder);
  }

  static String partition(String scopeTag, String model, String embedder) {
    return scopeTag + "|" + model + "|" + embedder;
  }
}
