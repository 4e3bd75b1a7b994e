package ai.hyperion.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts alerts as JSON to a rule's webhook, signed so the receiver can tell it came from this
 * gateway and was not replayed:
 *
 * <pre>
 * X-Hyperion-Alert-Id:  alert_...
 * X-Hyperion-Timestamp: 1767225600                        (Unix seconds)
 * X-Hyperion-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 *
 * A receiver recomputes the HMAC over the raw body with the rule's secret, compares in constant
 * time, and rejects timestamps older than a few minutes.
 */
final class WebhookChannel {

  static final String SIGNATURE = "X-Hyperion-Signature";
  static final String TIMESTAMP = "X-Hyperion-Timestamp";

  private final HttpClient http;
  private final Clock clock;
  private final Duration timeout;

  WebhookChannel(HttpClient http, Clock clock, Duration timeout) {
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
  }

  static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Returns the delivery status to record. */
  String send(String url, String secret, AlertNotice notice) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String body = notice.json();
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Hyperion-Alerts/1")
            .header("X-Hyperion-Alert-Id", notice.alertId())
            .header(TIMESTAMP, Long.toString(timestamp))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (secret != null && !secret.isEmpty()) {
      request.header(SIGNATURE, sign(secret, timestamp, body));
    }
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? "delivered (" + response.statusCode() + ")"
          : "failed: HTTP " + response.statusCode();
    } catch (IOException e) {
      return "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "failed: interrupted";
    }
  }
}
