package ai.hyperion.admin;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.FailedAuthThrottle;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin UI sign-in: an admin key is exchanged once for a session cookie (the browser never keeps
 * the key), the answer carries the CSRF token every change must send, and sign-out ends the session
 * on every instance.
 */
@Path("/admin/api/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: UI session")
public class AdminSessionResource {

  /** The sign-in request; {@code toString} never shows the key. */
  public record SignIn(String key) {
    @Override
    public String toString() {
      return "SignIn[***]";
    }
  }

  /** The signed-in person and what the page needs to act for them. */
  public record SessionView(
      String csrfToken,
      String userId,
      String orgId,
      String teamId,
      String role,
      String keyPrefix,
      Instant expiresAt,
      Instant signedInAt,
      long idleTimeoutSeconds,
      long absoluteTimeoutSeconds) {}

  @Inject ApiKeyVerifier verifier;
  @Inject AdminSessions sessions;
  @Inject FailedAuthThrottle throttle;
  @Context HttpServletRequest servletRequest;
  @Context UriInfo uriInfo;
  @Context HttpHeaders headers;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in to the admin UI with a key: sets the session cookie")
  public Response signIn(byte[] body) {
    SignIn request = AdminJson.read(body, SignIn.class);
    if (request.key() == null || request.key().isBlank()) {
      throw AdminApiException.invalid("key", "is required");
    }
    TenantContext tenant;
    try {
      tenant =
          AdminAuthFilter.verifyThrottled(
              verifier, throttle, servletRequest.getRemoteAddr(), request.key().trim());
      if (tenant == null) {
        throw badKey();
      }
    } catch (AuthenticationException e) {
      throw new AdminApiException(
          401, e.code(), e.getMessage(), List.of(new FieldError("key", e.getMessage())));
    }
    AdminAuthFilter.requireAdminPurpose(tenant);
    AdminSessions.Started started = sessions.start(tenant.keyPrefix());
    return Response.ok(view(started.session(), tenant))
        .cookie(SessionCookie.issue(started.id(), secure()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Operation(summary = "The current UI session, with its CSRF token (same-origin pages only)")
  public Response current() {
    Optional<String> id = SessionCookie.from(headers.getCookies());
    AdminSession session =
        id.flatMap(sessions::find)
            .orElseThrow(
                () ->
                    AdminAuthFilter.unauthorized(
                        "session_expired", "You are not signed in, or your session has ended."));
    TenantContext tenant;
    try {
      tenant =
          verifier
              .reverify(session.keyPrefix())
              .orElseThrow(
                  () -> AdminAuthFilter.unauthorized("invalid_api_key", "The key is gone."));
      AdminAuthFilter.requireAdminPurpose(tenant);
    } catch (AdminApiException | AuthenticationException e) {
      sessions.end(id.get());
      throw e;
    }
    return Response.ok(view(session, tenant)).header("Cache-Control", "no-store").build();
  }

  @DELETE
  @Operation(summary = "Sign out: ends the session everywhere and clears the cookie")
  public Response signOut() {
    Optional<String> id = SessionCookie.from(headers.getCookies());
    Optional<AdminSession> session = id.flatMap(sessions::find);
    if (session.isPresent()
        && !session.get().csrfMatches(headers.getHeaderString(SessionCookie.CSRF_HEADER))) {
      throw new AdminApiException(
          403,
          "csrf_token_invalid",
          "Sign-out was refused: it did not carry the session's "
              + SessionCookie.CSRF_HEADER
              + " header.",
          List.of());
    }
    id.ifPresent(sessions::end);
    return Response.noContent().cookie(SessionCookie.clear(secure())).build();
  }

  private SessionView view(AdminSession session, TenantContext tenant) {
    return new SessionView(
        session.csrfToken(),
        tenant.userId(),
        tenant.orgId(),
        tenant.teamId(),
        tenant.role().name(),
        tenant.keyPrefix(),
        Instant.ofEpochMilli(sessions.expiresAtMillis(session)),
        Instant.ofEpochMilli(session.createdAtMillis()),
        sessions.settings().idleTimeout().toSeconds(),
        sessions.settings().absoluteTimeout().toSeconds());
  }

  private boolean secure() {
    return sessions.settings().alwaysSecure()
        || "https".equalsIgnoreCase(uriInfo.getRequestUri().getScheme());
  }

  private static AdminApiException badKey() {
    return new AdminApiException(
        401,
        "invalid_api_key",
        "This key was not accepted. Check that you pasted the whole key.",
        List.of(new FieldError("key", "was not accepted")));
  }
}
