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

/** Starts the trace of a data-plane request (see {@link RequestTracer}). */
@Provider
@DataPlane
@Priority(PipelinePriorities.TRACE)
public class TraceFilter implements ContainerRequestFilter {

  @Inject RequestTracer tracer;

  @Override
  public void filter(ContainerRequestContext request) {
    Exchange exchange = ExchangeFilter.of(request);
    if (exchange != null) {
      tracer.begin(exchange, request::getHeaderString);
    }
  }
}
