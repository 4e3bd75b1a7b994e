package ai.hyperion.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The origin of the HTTP request being served: the peer address (or, when {@code
 * hyperion.audit.trust-forwarded-for} is on because a proxy of yours sets it, the first address of
 * {@code X-Forwarded-For}), the user agent, method and path. Outside a request: unknown.
 */
@ApplicationScoped
public class HttpAuditOrigin implements AuditOrigin {

  @Inject HttpServletRequest request;

  @Inject
  @ConfigProperty(name = "hyperion.audit.trust-forwarded-for", defaultValue = "false")
  boolean trustForwardedFor;

  @Override
  public Origin current() {
    try {
      return new Origin(
          clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")),
          request.getHeader("User-Agent"),
          request.getMethod(),
          request.getRequestURI());
    } catch (ContextNotActiveException | IllegalStateException outsideARequest) {
      return Origin.UNKNOWN;
    }
  }

  String clientAddress(String peer, String forwardedFor) {
    if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
      int comma = forwardedFor.indexOf(',');
      return (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
    }
    return peer;
  }
}
