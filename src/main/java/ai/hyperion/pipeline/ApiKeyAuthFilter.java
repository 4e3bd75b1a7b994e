package ai.hyperion.pipeline;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.FailedAuthThrottle;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.PresentedKey;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import ai.hyperion.error.RequestRefusedException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;

/**
 * Stage 1, identity and context: resolves the bearer key (or Anthropic-style {@code x-api-key}) to
 * a tenant and stores it in the Exchange.
 */
@Provider
@Authenticated
@Priority(PipelinePriorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {

  @Inject ApiKeyVerifier verifier;
  @Inject FailedAuthThrottle throttle;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    Exchange exchange = ExchangeFilter.of(request);
    exchange.tenant(exchange.timed(Stage.AUTH, () -> tenantOf(request)));
  }

  private TenantContext tenantOf(ContainerRequestContext request) {
    String key =
        PresentedKey.from(request)
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "missing_api_key",
                        "You didn't provide an API key. Send it as 'Authorization: Bearer"
                            + " <key>'."));
    String address = servletRequest.getRemoteAddr();
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
