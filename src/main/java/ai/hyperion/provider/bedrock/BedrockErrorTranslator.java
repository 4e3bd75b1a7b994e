package ai.hyperion.provider.bedrock;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Bedrock failures → gateway errors: HTTP error replies ({@code {"message": "..."}}, the exception
 * name only in the {@code x-amzn-ErrorType} header, so the status decides) and exception frames
 * inside a ConverseStream ({@code :exception-type}). Upstream credential problems (401/403) are the
 * operator's fault, so the caller sees 502, as with every other adapter.
 */
final class BedrockErrorTranslator {

  private BedrockErrorTranslator() {}

  static ProviderException fromHttp(String provider, int status, byte[] body) {
    String message = message(Json.tryParse(body).orElse(null));
    if (message == null) {
      message = "Provider '" + provider + "' answered HTTP " + status + ".";
    }
    return switch (status) {
      case 400, 413, 422 -> invalid(status == 422 ? 400 : status, message);
      case 401, 403 ->
          new ProviderException(
              502,
              "upstream_error",
              "upstream_auth_failed",
              null,
              "Provider '" + provider + "' rejected the gateway's AWS credentials: " + message,
              false);
      case 404 ->
          new ProviderException(
              404, "invalid_request_error", "model_not_found", "model", message, false);
      case 408 ->
          new ProviderException(504, "upstream_error", "upstream_timeout", null, message, true);
      case 429 ->
          new ProviderException(
              429, "rate_limit_exceeded", "rate_limit_exceeded", null, message, true);
      case 503 ->
          new ProviderException(503, "upstream_error", "service_unavailable", null, message, true);
      default ->
          status >= 500 || status == 424
              ? new ProviderException(502, "upstream_error", "upstream_error", null, message, true)
              : invalid(400, message);
    };
  }

  /** An exception frame ({@code :message-type: exception}) of a ConverseStream. */
  static ProviderException fromStreamException(
      String provider, String exceptionType, byte[] payload) {
    String message = message(Json.tryParse(payload).orElse(null));
    String type = exceptionType == null ? "" : exceptionType.toLowerCase(Locale.ROOT);
    if (message == null) {
      message =
          "Provider '"
              + provider
              + "' failed the stream with "
              + (exceptionType == null ? "an error" : exceptionType)
              + ".";
    }
    return switch (type) {
      case "throttlingexception" ->
          new ProviderException(
              429, "rate_limit_exceeded", "rate_limit_exceeded", null, message, true);
      case "serviceunavailableexception" ->
          new ProviderException(503, "upstream_error", "service_unavailable", null, message, true);
      case "validationexception" -> invalid(400, message);
      case "modeltimeoutexception" ->
          new ProviderException(504, "upstream_error", "upstream_timeout", null, message, true);
      default ->
          new ProviderException(502, "upstream_error", "upstream_error", null, message, true);
    };
  }

  /** A protocol-level error frame ({@code :message-type: error}) with code and message headers. */
  static ProviderException fromStreamError(String provider, String code, String message) {
    return new ProviderException(
        502,
        "upstream_error",
        "upstream_error",
        null,
        "Provider '"
            + provider
            + "' failed the stream: "
            + (code == null ? "" : code + ": ")
            + (message == null ? "no message" : message),
        true);
  }

  private static ProviderException invalid(int status, String message) {
    String code =
        message.toLowerCase(Locale.ROOT).contains("too long") ? "context_length_exceeded" : null;
    return new ProviderException(
        status, "invalid_request_error", code, code == null ? null : "messages", message, false);
  }

  private static String message(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    String message = Json.text(body, "message");
    return message != null ? message : Json.text(body, "Message");
  }
}
