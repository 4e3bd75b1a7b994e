package ai.hyperion.admin;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.PresentedKey;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates admin API calls with the caller's own API key ({@code Authorization: Bearer}): the
 * key owner's role then decides what they may do ({@link AccessPolicy}).
 */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

  @Inject ApiKeyVerifier verifier;
  @Inject CurrentCaller currentCaller;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> key = PresentedKey.from(request);
    if (key.isEmpty()) {
      request.abortWith(
          AdminApiExceptionMapper.response(
              unauthorized(
                  "missing_api_key", "Send your Hyperion key as 'Authorization: Bearer <key>'.")));
      return;
    }
    try {
      Optional<TenantContext> tenant = verifier.verify(key.get());
      if (tenant.isEmpty()) {
        request.abortWith(
            AdminApiExceptionMapper.response(
                unauthorized("invalid_api_key", "Incorrect API key provided.")));
        return;
      }
      currentCaller.set(tenant.get());
    } catch (AuthenticationException e) {
      request.abortWith(AdminApiExceptionMapper.response(unauthorized(e.code(), e.getMessage())));
    }
  }

  private static AdminApiException unauthorized(String code, String message) {
    return new AdminApiException(401, code, message, List.of());
  }
}
