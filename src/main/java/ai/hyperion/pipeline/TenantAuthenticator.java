package ai.hyperion.pipeline;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.FailedAuthThrottle;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import ai.hyperion.error.RequestRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stage 1's decision, whatever the transport (the JAX-RS filter, the WebSocket handshake or its
 * first message): a presented key from an address → the tenant, or a typed refusal (401, 429 after
 * too many failures from that address, 403 for an admin key).
 */
@ApplicationScoped
public class TenantAuthenticator {

  @Inject ApiKeyVerifier verifier;
  @Inject FailedAuthThrottle throttle;

  public TenantContext authenticate(Optional<String> presented, String address) {
    String key =
        presented.orElseThrow(
            () ->
                new AuthenticationException(
                    "missing_api_key",
                    "You didn't provide an API key. Send it as 'Authorization: Bearer"
                        + " <key>'."));
    OptionalLong wait = throttle.retryAfterSeconds(address);
    if (wait.isPresent()) {
      throw new RequestRefusedException(
          429,
          "rate_limit_error",
          "too_many_failed_authentications",
          null,
          "Too many failed authentications from your address. Try again in "
              + wait.getAsLong()
              + " s.",
          (int) wait.getAsLong());
    }
    TenantContext tenant;
    try {
      tenant = verifier.verify(key).orElse(null);
    } catch (AuthenticationException e) {
      throttle.failed(address);
      throw e;
    }
    if (tenant == null) {
      throttle.failed(address);
      throw new AuthenticationException(
          "invalid_api_key",
          "Incorrect API key provided. Create a key in the Hyperion admin API and"
              + " send it as 'Authorization: Bearer <key>'.");
    }
    if (!tenant.allows(KeyPurpose.DATA_PLANE)) {
      throw new RequestRefusedException(
          403,
          "permission_error",
          "key_not_for_data_plane",
          null,
          "This key is an admin key: it manages the gateway, and cannot call models. Create a"
              + " data-plane key for your application.");
    }
    return tenant;
  }
}
