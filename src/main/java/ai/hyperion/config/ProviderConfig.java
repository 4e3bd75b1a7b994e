package ai.hyperion.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** One upstream in gateway.yaml; {@code apiKeys} are usually {@code ${ENV}} references. */
public record ProviderConfig(
    String type,
    String baseUrl,
    List<String> apiKeys,
    Integer connectTimeoutSeconds,
    Integer timeoutSeconds,
    Map<String, String> headers,
    ObjectNode options) {

  public ProviderConfig {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
