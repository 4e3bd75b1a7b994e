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
}
