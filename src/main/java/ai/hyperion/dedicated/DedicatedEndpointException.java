package ai.hyperion.dedicated;

import ai.hyperion.error.RequestRefusedException;

/**
 * Why a request to a dedicated endpoint cannot be served now: unknown (or another org's: the same
 * 404, so an endpoint's existence is never revealed), still starting (503 with Retry-After), or
 * failed (502 naming the state).
 */
public class DedicatedEndpointException extends RequestRefusedException {

  private DedicatedEndpointException(
      int status, String type, String code, String message, Integer retryAfterSeconds) {
    super(status, type, code, null, message, retryAfterSeconds);
  }

  public static DedicatedEndpointException notFound(String endpointId) {
    return new DedicatedEndpointException(
        404,
        "invalid_request_error",
        "endpoint_not_found",
        "No dedicated endpoint '" + endpointId + "' for this key's organisation.",
        null);
  }

  public static DedicatedEndpointException deleting(String endpointId) {
    return new DedicatedEndpointException(
        404,
        "invalid_request_error",
        "endpoint_not_found",
        "The dedicated endpoint '" + endpointId + "' is being deleted (status deleting).",
        null);
  }

  public static DedicatedEndpointException failed(String endpointId, String reason) {
    return new DedicatedEndpointException(
        502,
        "upstream_error",
        "endpoint_failed",
        "The dedicated endpoint '"
            + endpointId
            + "' is in status failed and cannot serve requests"
            + (reason == null || reason.isBlank() ? "" : ": " + reason)
            + ". Delete it and provision it again.",
        null);
  }

  public static DedicatedEndpointException starting(
      String endpointId, EndpointStatus status, int retryAfterSeconds) {
    String what =
        status == EndpointStatus.BUILDING
            ? "is still being built (status building)"
            : "is waking up (status " + status.wireName() + ")";
    return new DedicatedEndpointException(
        503,
        "upstream_error",
        "endpoint_waking",
        "The dedicated endpoint '"
            + endpointId
            + "' "
            + what
            + "; retry in "
            + retryAfterSeconds
            + " s.",
        retryAfterSeconds);
  }

  public static DedicatedEndpointException notConfigured() {
    return new DedicatedEndpointException(
        503,
        "upstream_error",
        "dedicated_not_configured",
        "Dedicated endpoints are not configured on this gateway (no hardware catalog).",
        null);
  }
}
