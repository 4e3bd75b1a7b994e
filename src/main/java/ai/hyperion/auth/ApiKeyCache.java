package ai.hyperion.auth;

/** The cluster-wide cache of key records, keyed by prefix. */
public interface ApiKeyCache {

  /** Null on a miss. */
  KeyRecord get(String prefix);

  /**
   * Caches a record just read from the database unless another one got there first, and returns the
   * record that is now cached. A record published meanwhile (say a revocation) always wins over an
   * older database read.
   */
  KeyRecord cacheLoaded(KeyRecord loaded);

  /**
   * Replaces the cached record on every member after a committed change; takes effect at once.
   * Revocation is final: a revoked record is never replaced by an active one, so a refresh that
   * read the database just before a concurrent revocation cannot bring the key back.
   */
  void publish(KeyRecord record);
}
