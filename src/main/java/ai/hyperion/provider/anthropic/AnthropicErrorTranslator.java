package ai.hyperion.provider.anthropic;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Redaction;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic error bodies ({@code {"type":"error","error":{"type","message"}}}), whether an HTTP
 * error reply or an {@code event: error} inside a 200 stream, → gateway errors in OpenAI's
 * vocabulary. Anthropic's {@code x-should-retry} header is not visible here (the error reader gets
 * status and body only), so retryability follows the status, which agrees with it for every
 * recorded reply: 429, 500 and 529 retry; 400, 401 do not.
 */
final class AnthropicErrorTranslator {

  private AnthropicErrorTranslator() {}

  /** A non-2xx reply. */
  static ProviderException fromHttp(String provider, int status, byte[] body) {
    JsonNode error = Json.tryParse(body).map(n -> n.path("error")).orElse(null);
    return translate(provider, status, error);
  }

  /** An {@code error} event after the stream started; its status is implied by the error type. */
  static ProviderException fromStreamEvent(String provider, JsonNode data) {
    JsonNode error = data.path("error");
    return translate(provider, upstreamStatusOf(Json.text(error, "type")), error);
  }

  private static ProviderException translate(String provider, int upstreamStatus, JsonNode error) {
    String type = error != null && error.isObject() ? Json.text(error, "type") : null;
    String message = error != null && error.isObject() ? Json.text(error, "message") : null;
    if (message == null) {
      message = "Provider '" + provider + "' answered HTTP " + upstreamStatus + ".";
    }
    message = Redaction.redact(message);
    int status = ProviderException.gatewayStatus(upstreamStatus);
    String code = type;
    String param = null;
    if (upstreamStatus == 400 && message.startsWith("prompt is too long")) {
      code = "context_length_exceeded";
      param = "messages";
    } else if (upstreamStatus == 404 && message.startsWith("model:")) {
      code = "model_not_found";
      param = "model";
    } else if (upstreamStatus == 429) {
      code = "rate_limit_exceeded";
    }
    if (status == 502 && upstreamStatus < 500) {
      message =
          "Provider '"
              + provider
              + "' refused the gateway's credentials or account ("
              + (type == null ? "HTTP " + upstreamStatus : type)
              + "): "
              + message;
    }
    return new ProviderException(
        status,
        ProviderException.openAiType(status),
        code,
        param,
        message,
        ProviderException.retryableStatus(upstreamStatus));
  }

  /** The HTTP status Anthropic documents for each error type; unknown types count as 500. */
  static int upstreamStatusOf(String type) {
    if (type == null) {
      return 500;
    }
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "timeout_error" -> 504;
      case "overloaded_error" -> 529;
      default -> 500;
    };
  }
}
