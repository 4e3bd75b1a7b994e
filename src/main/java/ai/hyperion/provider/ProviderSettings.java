package ai.hyperion.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One configured upstream: which adapter ({@code type}) speaks to it, where, with which key pool.
 * {@code options} carries adapter-specific settings (region, project, api version) as given in
 * gateway.yaml. {@code requestTimeout} bounds a whole non-streamed answer; {@code timeouts} holds
 * it with the finer limits (first byte, idle, stream).
 */
public record ProviderSettings(
    String name,
    String type,
    String baseUrl,
    List<Secret> apiKeys,
    Duration connectTimeout,
    Duration requestTimeout,
    Map<String, String> headers,
    ObjectNode options,
    UpstreamTimeouts timeouts) {

  public ProviderSettings {
    apiKeys = List.copyOf(apiKeys);
    headers = Map.copyOf(headers);
    timeouts = timeouts == null ? UpstreamTimeouts.of(requestTimeout) : timeouts;
  }

  /** Settings whose finer timeouts all derive from {@code requestTimeout}. */
  public ProviderSettings(
      String name,
      String type,
      String baseUrl,
      List<Secret> apiKeys,
      Duration connectTimeout,
      Duration requestTimeout,
      Map<String, String> headers,
      ObjectNode options) {
    this(name, type, baseUrl, apiKeys, connectTimeout, requestTimeout, headers, options, null);
  }

  /** Whether at least one usable key is configured. */
  public boolean hasKeys() {
    return apiKeys.stream().anyMatch(k -> !k.isBlank());
  }
}
