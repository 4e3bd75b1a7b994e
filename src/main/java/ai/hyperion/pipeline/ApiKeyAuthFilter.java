package ai.hyperion.pipeline;

import ai.hyperion.auth.PresentedKey;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Stage 1, identity and context: resolves the bearer key (or Anthropic-style {@code x-api-key}) to
 * a tenant and stores it in the Exchange.
 */
@Provider
@Authenticated
@Priority(PipelinePriorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {

  @Inject TenantAuthenticator authenticator;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    Exchange exchange = ExchangeFilter.of(request);
    exchange.tenant(
        exchange.timed(
            Stage.AUTH,
            () ->
                authenticator.authenticate(
                    PresentedKey.from(request), servletRequest.getRemoteAddr())));
  }
}
