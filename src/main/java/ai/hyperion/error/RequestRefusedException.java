package ai.hyperion.error;

/**
 * A request the gateway itself refuses by its own rules: unknown model, model not allowed, provider
 * not configured, body too large, limits and budgets. Capabilities subclass it for refusals that
 * carry more (the PII detectors that matched, a dedicated endpoint's state).
 */
public non-sealed class RequestRefusedException extends GatewayException {

  public RequestRefusedException(
      int status, String type, String code, String param, String message) {
    this(status, type, code, param, message, null);
  }

  public RequestRefusedException(
      int status,
      String type,
      String code,
      String param,
      String message,
      Integer retryAfterSeconds) {
    super(status, type, code, param, message, retryAfterSeconds);
  }

  public static RequestRefusedException modelNotFound(String model) {
    return new RequestRefusedException(
        404,
        "invalid_request_error",
        "model_not_found",
        "model",
        "The model '"
            + model
            + "' does not exist in this gateway's catalog. GET /v1/models lists the models you may"
            + " use.");
  }

  public static RequestRefusedException modelNotAllowed(String model) {
    return new RequestRefusedException(
        403,
        "permission_error",
        "model_not_allowed",
        "model",
        "Your API key is not allowed to use the model '" + model + "'.");
  }

  public static RequestRefusedException modelNotSupported(String model, String capability) {
    return new RequestRefusedException(
        400,
        "invalid_request_error",
        "model_not_supported",
        "model",
        "The model '" + model + "' does not support " + capability + ".");
  }

  public static RequestRefusedException providerNotConfigured(String provider, String what) {
    return new RequestRefusedException(
        503,
        "upstream_error",
        "provider_not_configured",
        null,
        "The provider '" + provider + "' is not configured: " + what);
  }

  public static RequestRefusedException payloadTooLarge(long limit) {
    return new RequestRefusedException(
        413,
        "invalid_request_error",
        "request_too_large",
        null,
        "The request body is larger than this gateway accepts (" + limit + " bytes).");
  }
}
