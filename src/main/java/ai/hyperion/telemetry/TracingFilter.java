package ai.hyperion.telemetry;

import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.pipeline.PipelinePriorities;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Starts a data-plane request's trace right after its Exchange, when tracing is on. */
@Provider
@DataPlane
@Priority(PipelinePriorities.TRACE)
public class TracingFilter implements ContainerRequestFilter {

  @Inject Tracing tracing;

  @Override
  public void filter(ContainerRequestContext request) {
    Exchange exchange = ExchangeFilter.of(request);
    if (exchange != null && tracing.enabled()) {
      exchange.trace(tracing.start(exchange, request::getHeaderString));
    }
  }
}
