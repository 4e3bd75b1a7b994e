package ai.hyperion.admin;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.FailedAuthThrottle;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.PresentedKey;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Authenticates admin API calls in one of two ways. API clients send their own key ({@code
 * Authorization: Bearer}); a browser has no key, only the admin UI session cookie, and every change
 * it makes (any method but GET, HEAD, OPTIONS) must also carry the session's CSRF token in {@code
 * X-CSRF-Token}. Either way the key owner's current role then decides ({@link AccessPolicy}).
 */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject ApiKeyVerifier verifier;
  @Inject AdminSessions sessions;
  @Inject CurrentCaller currentCaller;
  @Inject FailedAuthThrottle throttle;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> key = PresentedKey.from(request);
    try {
      if (key.isPresent()) {
        authenticateKey(request, key.get());
      } else {
        authenticateSession(request);
      }
    } catch (AdminApiException e) {
      request.abortWith(AdminApiExceptionMapper.response(e));
    } catch (AuthenticationException e) {
      request.abortWith(AdminApiExceptionMapper.response(unauthorized(e.code(), e.getMessage())));
    }
  }

  private void authenticateKey(ContainerRequestContext request, String key) {
    String address = servletRequest.getRemoteAddr();
    TenantContext tenant = verifyThrottled(verifier, throttle, address, key);
    if (tenant == null) {
      throw unauthorized("invalid_api_key", "Incorrect API key provided.");
    }
    admit(request, tenant);
  }

  /**
   * Verifies a presented key unless its address failed too often lately; null for an unknown key.
   * Every failure counts against the address.
   */
  static TenantContext verifyThrottled(
      ApiKeyVerifier verifier, FailedAuthThrottle throttle, String address, String key) {
    OptionalLong wait = throttle.retryAfterSeconds(address);
    if (wait.isPresent()) {
      throw AdminApiException.throttled(wait.getAsLong());
    }
    try {
      TenantContext tenant = verifier.verify(key).orElse(null);
      if (tenant == null) {
        throttle.failed(address);
      }
      return tenant;
    } catch (AuthenticationException e) {
      throttle.failed(address);
      throw e;
    }
  }

  private void authenticateSession(ContainerRequestContext request) {
    String id =
        SessionCookie.from(request.getCookies())
            .orElseThrow(
                () ->
                    unauthorized(
                        "missing_api_key",
                        "Send your Hyperion key as 'Authorization: Bearer <key>', or sign in to"
                            + " the admin UI."));
    AdminSession session =
        sessions
            .find(id)
            .orElseThrow(
                () -> unauthorized("session_expired", "Your session has ended. Sign in again."));
    if (!SAFE_METHODS.contains(request.getMethod())
        && !session.csrfMatches(request.getHeaderString(SessionCookie.CSRF_HEADER))) {
      throw new AdminApiException(
          403,
          "csrf_token_invalid",
          "This change was refused: it did not carry the session's "
              + SessionCookie.CSRF_HEADER
              + " header. Reload the page and try again.",
          List.of());
    }
    try {
      TenantContext tenant =
          verifier
              .reverify(session.keyPrefix())
              .orElseThrow(
                  () -> unauthorized("invalid_api_key", "The key you signed in with is gone."));
      admit(request, tenant);
    } catch (AdminApiException | AuthenticationException e) {
      // The key behind the session no longer works: neither does the session.
      sessions.end(id);
      throw e;
    }
  }

  /** A data-plane key (an application's) is not an admin credential, whoever owns it. */
  static void requireAdminPurpose(TenantContext tenant) {
    if (!tenant.allows(KeyPurpose.ADMIN)) {
      throw new AdminApiException(
          403,
          "key_not_for_admin",
          "This key is a data-plane key: it calls models, and cannot be used for the admin API."
              + " Use an admin key (one created with \"purposes\": [\"admin\"]).",
          List.of());
    }
  }

  static AdminApiException unauthorized(String code, String message) {
    return new AdminApiException(401, code, message, List.of());
  }

  /**
   * Records the caller for this request: in the request scope for resources, and as a request
   * property for response filters, which may run on another thread after an asynchronous answer.
   */
  private void admit(ContainerRequestContext request, TenantContext tenant) {
    requireAdminPurpose(tenant);
    currentCaller.set(tenant);
    request.setProperty(CurrentCaller.PROPERTY, tenant);
  }
}
