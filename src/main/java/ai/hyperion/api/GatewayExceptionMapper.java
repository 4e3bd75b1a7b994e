package ai.hyperion.api;

import ai.hyperion.gateway.CompletionRecorder;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.pipeline.GatewayError;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one mapper from failures to client errors on the data plane and for unknown paths: it
 * classifies the failure ({@link GatewayError}), reports a data-plane request's completion (a no-op
 * when the gateway already did), and answers in the dialect of the resource the request was routed
 * to ({@link ClientDialect}), OpenAI's when there is none. Never a stack trace.
 */
@Provider
public class GatewayExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(GatewayExceptionMapper.class.getName());

  @Context ResourceInfo resource;
  @Context HttpServletRequest request;
  @Inject CompletionRecorder completions;
  @Inject Instance<Dialect> dialects;
  @Inject @DefaultDialect Dialect fallback;

  @Override
  public Response toResponse(Throwable failure) {
    Throwable t = GatewayError.unwrap(failure);
    GatewayError error =
        t instanceof WebApplicationException web ? fromJaxRs(web) : GatewayError.of(t);
    Exchange exchange = request == null ? null : ExchangeFilter.of(request);
    if (exchange != null) {
      try {
        completions.failed(exchange, t);
      } catch (RuntimeException recording) {
        // The client still gets its answer; a failing observer must not turn it into the
        // container's bare 500.
        LOG.log(Level.SEVERE, "Recording the failed request " + exchange.requestId(), recording);
      }
    } else if (error.internal()) {
      LOG.log(Level.SEVERE, "Unhandled failure outside the data-plane pipeline", t);
    }
    return dialect().error(error);
  }

  private Dialect dialect() {
    Class<?> resourceClass = resource == null ? null : resource.getResourceClass();
    ClientDialect declared =
        resourceClass == null ? null : resourceClass.getAnnotation(ClientDialect.class);
    return declared == null ? fallback : dialects.select(declared.value()).get();
  }

  private static GatewayError fromJaxRs(WebApplicationException web) {
    int status = web.getResponse().getStatus();
    String code =
        switch (status) {
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 406 -> "not_acceptable";
          case 415 -> "unsupported_media_type";
          default -> "invalid_request";
        };
    String message =
        switch (status) {
          case 404 -> "No such endpoint. See GET /v1/models and POST /v1/chat/completions.";
          case 405 -> "This endpoint does not support that HTTP method.";
          case 415 -> "Send the request body as application/json.";
          default -> web.getMessage() == null ? "Invalid request." : web.getMessage();
        };
    String type = status >= 500 ? "server_error" : "invalid_request_error";
    return new GatewayError(status, type, code, null, message, null);
  }
}
