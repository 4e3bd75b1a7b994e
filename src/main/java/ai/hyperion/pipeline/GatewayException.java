package ai.hyperion.pipeline;

/**
 * A request the gateway itself refuses (unknown model, model not allowed, provider not configured,
 * body too large, limits). Carries everything the OpenAI error shape needs.
 */
public class GatewayException extends RuntimeException {

  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final Integer retryAfterSeconds;

  public GatewayException(int status, String type, String code, String param, String message) {
    this(status, type, code, param, message, null);
  }

  public GatewayException(
      int status,
      String type,
      String code,
      String param,
      String message,
      Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static GatewayException modelNotFound(String model) {
    return new GatewayException(
        404,
        "invalid_request_error",
        "model_not_found",
        "model",
        "The model '"
            + model
            + "' does not exist in this gateway's catalog. GET /v1/models lists the models you may"
            + " use.");
  }

  public static GatewayException modelNotAllowed(String model) {
    return new GatewayException(
        403,
        "permission_error",
        "model_not_allowed",
        "model",
        "Your API key is not allowed to use the model '" + model + "'.");
  }

  public static GatewayException providerNotConfigured(String provider, String what) {
    return new GatewayException(
        503,
        "upstream_error",
        "provider_not_configured",
        null,
        "The provider '" + provider + "' is not configured: " + what);
  }

  public static GatewayException payloadTooLarge(long limit) {
    return new GatewayException(
        413,
        "invalid_request_error",
        "request_too_large",
        null,
        "The request body is larger than this gateway accepts (" + limit + " bytes).");
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
