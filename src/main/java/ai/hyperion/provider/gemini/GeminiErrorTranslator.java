package ai.hyperion.provider.gemini;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Redaction;
import ai.hyperion.provider.RetryDelays;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Google error bodies ({@code {"error":{"code","message","status","details"}}}, sometimes wrapped
 * in an array) → gateway errors. A rejected API key or credential is the operator's fault, so it
 * becomes 502, never the caller's 400/401.
 */
final class GeminiErrorTranslator {

  private GeminiErrorTranslator() {}

  static ProviderException read(String provider, int httpStatus, byte[] body) {
    JsonNode json = Json.tryParse(body).orElse(null);
    return fromJson(provider, httpStatus, json);
  }

  /** Whether a JSON document is a Google error body. */
  static boolean isError(JsonNode json) {
    JsonNode unwrapped = unwrap(json);
    return unwrapped != null && unwrapped.path("error").isObject();
  }

  static ProviderException fromJson(String provider, int httpStatus, JsonNode json) {
    JsonNode root = unwrap(json);
    JsonNode error = root == null ? Json.object() : root.path("error");
    return translate(provider, httpStatus, error).retryAfterMillis(retryDelay(error));
  }

  /** Google's {@code RetryInfo.retryDelay}, in milliseconds, or null. */
  static Long retryDelay(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      Long millis = RetryDelays.googleDuration(Json.text(detail, "retryDelay"));
      if (millis != null) {
        return millis;
      }
    }
    return null;
  }

  private static ProviderException translate(String provider, int httpStatus, JsonNode error) {
    int code = error.path("code").isInt() ? error.get("code").asInt() : httpStatus;
    String status = Json.text(error, "status");
    String message = Json.text(error, "message");
    message =
        message == null
            ? "Provider '" + provider + "' answered HTTP " + code + "."
            : Redaction.redact(message);
    String errorCode = status == null ? null : status.toLowerCase(Locale.ROOT);
    if (hasReason(error, "API_KEY_INVALID")
        || code == 401
        || code == 403
        || "UNAUTHENTICATED".equals(status)
        || "PERMISSION_DENIED".equals(status)) {
      return new ProviderException(
          502,
          "upstream_error",
          "upstream_auth_failed",
          null,
          "Provider '" + provider + "' rejected the gateway's credentials: " + message,
          false);
    }
    if ("FAILED_PRECONDITION".equals(status)) {
      // Billing or region set-up of the operator's project, not the caller's request.
      return new ProviderException(502, "upstream_error", errorCode, null, message, false);
    }
    return switch (code) {
      case 400, 413 ->
          new ProviderException(code, "invalid_request_error", errorCode, null, message, false);
      case 404 ->
          new ProviderException(
              404,
              "invalid_request_error",
              errorCode == null ? "not_found" : errorCode,
              null,
              message,
              false);
      case 429 ->
          new ProviderException(
              429,
              "rate_limit_exceeded",
              errorCode == null ? "resource_exhausted" : errorCode,
              null,
              withRetryDelay(message, error),
              true);
      case 503 -> new ProviderException(503, "upstream_error", errorCode, null, message, true);
      case 504 -> new ProviderException(504, "upstream_error", errorCode, null, message, true);
      default ->
          code >= 500 || code <= 0
              ? new ProviderException(502, "upstream_error", errorCode, null, message, true)
              : new ProviderException(
                  code,
                  "invalid_request_error",
                  errorCode,
                  null,
                  message,
                  ProviderException.retryableStatus(code));
    };
  }

  private static JsonNode unwrap(JsonNode json) {
    if (json != null && json.isArray() && json.size() > 0) {
      return json.get(0);
    }
    return json;
  }

  private static boolean hasReason(JsonNode error, String reason) {
    for (JsonNode detail : error.path("details")) {
      if (reason.equals(Json.text(detail, "reason"))) {
        return true;
      }
    }
    return false;
  }

  /** Google says when to come back in a RetryInfo detail; keep it visible to the caller. */
  private static String withRetryDelay(String message, JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      String delay = Json.text(detail, "retryDelay");
      if (delay != null) {
        return message + " (retry after " + delay + ")";
      }
    }
    return message;
  }
}
