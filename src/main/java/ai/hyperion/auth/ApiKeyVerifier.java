package ai.hyperion.auth;

import ai.hyperion.error.AuthenticationException;
import java.util.Optional;

/**
 * Resolves a presented bearer key to its tenant. Implementations answer from memory on the hot path
 * (near-cache) and throw {@link AuthenticationException} for known-but-unusable keys (revoked,
 * expired); an unknown key is an empty result.
 */
public interface ApiKeyVerifier {

  Optional<TenantContext> verify(String presentedKey);

  /**
   * The tenant of a key verified earlier, found again by its public prefix (an admin UI session
   * keeps only the prefix), so that a revocation, expiry or role change since takes effect: empty
   * for an unknown prefix, {@link AuthenticationException} for a revoked or expired key.
   */
  Optional<TenantContext> reverify(String prefix);
}
