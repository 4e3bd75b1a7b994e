package ai.hyperion.mcp;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.McpConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upstream MCP servers of gateway.yaml's {@code mcp:} section, by name. Connections open on
 * first use (a server that is down at start-up does not stop the gateway) and close with the
 * application (stdio processes end with it).
 */
@ApplicationScoped
public class McpUpstreams {

  private final Map<String, UpstreamServer> servers;
  private final McpJsonMapper json;

  @Inject
  public McpUpstreams(GatewayConfig config) {
    this(config.mcp());
  }

  public McpUpstreams(McpConfig config) {
    ObjectMapper mapper = new ObjectMapper();
    this.json = new JacksonMcpJsonMapper(mapper);
    DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(mapper);
    Map<String, UpstreamServer> byName = new LinkedHashMap<>();
    config.servers().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                byName.put(
                    e.getKey(),
                    new UpstreamServer(
                        e.getKey(),
                        e.getValue(),
                        json,
                        validator,
                        config.toolListTtlSeconds() * 1000L)));
    this.servers = Map.copyOf(byName);
  }

  /** For the CDI proxy only. */
  protected McpUpstreams() {
    this.servers = Map.of();
    this.json = null;
  }

  public McpJsonMapper json() {
    return json;
  }

  Optional<UpstreamServer> server(String name) {
    return Optional.ofNullable(servers.get(name));
  }

  /** In name order. */
  Collection<UpstreamServer> all() {
    List<UpstreamServer> sorted = new ArrayList<>(servers.values());
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    return sorted;
  }

  public List<UpstreamHealth> health() {
    return all().stream().map(UpstreamServer::health).toList();
  }

  @PreDestroy
  void close() {
    servers.values().forEach(UpstreamServer::close);
  }
}
