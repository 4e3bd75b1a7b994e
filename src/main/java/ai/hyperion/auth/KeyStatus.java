package ai.hyperion.auth;

/** The state of a key prefix as the verifier caches it. */
public enum KeyStatus {
  ACTIVE,
  REVOKED,
  /** No key has this prefix: cached briefly so guesses do not each cost a database query. */
  UNKNOWN
}
