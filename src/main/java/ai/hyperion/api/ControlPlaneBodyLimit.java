package ai.hyperion.api;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.DataPlane;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the bodies of every resource outside the data plane (admin API, endpoint provisioning),
 * which the container would otherwise read whole into memory: 413 when the declared or the actual
 * length is over the limit. Runs after authentication, so an anonymous caller's body is never read.
 * Data-plane resources read their own bodies with the same kind of limit ({@link
 * RequestBodyReader}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class ControlPlaneBodyLimit implements ContainerRequestFilter {

  @Context ResourceInfo resource;

  @Inject
  @ConfigProperty(name = "hyperion.limits.max-admin-body-bytes", defaultValue = "1048576")
  int maxBytes;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    Class<?> target = resource == null ? null : resource.getResourceClass();
    if (target == null || target.isAnnotationPresent(DataPlane.class) || !request.hasEntity()) {
      return;
    }
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes) {
          throw RequestRefusedException.payloadTooLarge(maxBytes);
        }
      } catch (NumberFormatException e) {
        throw new InvalidRequestException(null, "The Content-Length header is not a number.");
      }
    }
    byte[] body = request.getEntityStream().readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      throw RequestRefusedException.payloadTooLarge(maxBytes);
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }
}
