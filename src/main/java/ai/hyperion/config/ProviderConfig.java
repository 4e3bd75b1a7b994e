package ai.hyperion.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One upstream in gateway.yaml; {@code apiKeys} are usually {@code ${ENV}} references. Timeouts:
 * {@code connectTimeoutSeconds} to open a connection, {@code firstByteTimeoutSeconds} until the
 * response headers (a stream's start), {@code idleTimeoutSeconds} between two chunks of a stream,
 * {@code timeoutSeconds} for a whole non-streamed answer. {@code retry} and {@code breaker} apply
 * to each deployment on this provider.
 */
public record ProviderConfig(
    String type,
    String baseUrl,
    List<String> apiKeys,
    Integer connectTimeoutSeconds,
    Integer timeoutSeconds,
    Map<String, String> headers,
    ObjectNode options,
    Double firstByteTimeoutSeconds,
    Double idleTimeoutSeconds,
    RetryConfig retry,
    BreakerConfig breaker) {

  public ProviderConfig {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    retry = retry == null ? RetryConfig.DEFAULT : retry;
    breaker = breaker == null ? BreakerConfig.DEFAULT : breaker;
  }

  /** A provider with default timeouts, retries and breaker. */
  public ProviderConfig(
      String type,
      String baseUrl,
      List<String> apiKeys,
      Integer connectTimeoutSeconds,
      Integer timeoutSeconds,
      Map<String, String> headers,
      ObjectNode options) {
    this(
        type,
        baseUrl,
        apiKeys,
        connectTimeoutSeconds,
        timeoutSeconds,
        headers,
        options,
        null,
        null,
        null,
        null);
  }
}
