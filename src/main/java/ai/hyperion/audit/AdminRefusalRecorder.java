package ai.hyperion.audit;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.auth.PresentedKey;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records every refused admin call in the audit trail: any call answered 401 or 403, and any change
 * (not a GET) answered 400, 404, 409 or 422. A refusal by a known caller goes to their
 * organisation's chain (the path says what they aimed at); one without a valid key goes to {@link
 * AuditTrail#PLATFORM_CHAIN}, with the public prefix of the key presented, if any. The answer to
 * the caller is not changed, even when the record cannot be written (that is logged as severe).
 */
@Provider
@AdminAuthenticated
public class AdminRefusalRecorder implements ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(AdminRefusalRecorder.class.getName());

  @Inject AuditTrail trail;
  @Inject AuditOrigin origin;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String method = request.getMethod();
    int status = response.getStatus();
    if (!refused(method, status)) {
      return;
    }
    AdminPath path = AdminPath.parse(request.getUriInfo().getPath());
    Actor actor;
    String chain;
    TenantContext tenant = (TenantContext) request.getProperty(CurrentCaller.PROPERTY);
    if (tenant != null) {
      Caller caller = Caller.of(tenant);
      actor = Actor.of(caller);
      chain = caller.orgId();
    } else {
      actor = new Actor(null, null, presentedPrefix(request), null);
      chain = AuditTrail.PLATFORM_CHAIN;
    }
    try {
      trail.recordRefusal(
          chain,
          actor,
          origin.current(),
          AuditAction.of(method, path.verb()),
          path.resourceType(),
          path.resourceId(),
          status,
          errorCode(response.getEntity()));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not record a refused admin call in the audit trail", e);
    }
  }

  static boolean refused(String method, int status) {
    if (status == 401 || status == 403) {
      return true;
    }
    boolean change = !method.equals("GET") && !method.equals("HEAD");
    return change && (status == 400 || status == 404 || status == 409 || status == 422);
  }

  /** The public prefix of the key presented, never the key. */
  private static String presentedPrefix(ContainerRequestContext request) {
    return PresentedKey.from(request)
        .flatMap(VirtualKeyFormat::parse)
        .map(VirtualKeyFormat.PresentedKey::prefix)
        .orElse(null);
  }

  private static String errorCode(Object entity) {
    if (entity instanceof byte[] bytes) {
      return Json.tryParse(bytes)
          .map(body -> body.path("error").path("code"))
          .filter(JsonNode::isTextual)
          .map(JsonNode::asText)
          .orElse(null);
    }
    return null;
  }
}
