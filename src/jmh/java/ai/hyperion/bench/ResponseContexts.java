package ai.hyperion.bench;

import ai.hyperion.pipeline.Exchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;

/**
 * The two JAX-RS contexts a response filter sees, reduced to what the gateway's filters use: the
 * request's {@link Exchange} property and the response's header map. The map is reused (cleared per
 * request): its own allocation belongs to the JAX-RS runtime, the entries to us.
 */
final class ResponseContexts {

  final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
  final ContainerRequestContext request;
  final ContainerResponseContext response;
  Exchange exchange;

  ResponseContexts() {
    request =
        (ContainerRequestContext)
            Proxy.newProxyInstance(
                ResponseContexts.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getProperty") && Exchange.PROPERTY.equals(args[0])) {
                    return exchange;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    response =
        (ContainerResponseContext)
            Proxy.newProxyInstance(
                ResponseContexts.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getHeaders")) {
                    return headers;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
  }

  /** Starts a new response for {@code exchange}. */
  ResponseContexts reset(Exchange exchange) {
    this.exchange = exchange;
    headers.clear();
    return this;
  }
}
