package ai.hyperion.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code mcp:} section of gateway.yaml: the upstream MCP servers the {@code /mcp} endpoint
 * aggregates, by name (the prefix of their tools: {@code <server>__<tool>}).
 *
 * @param servers the upstream servers by name
 * @param toolListTtlSeconds how long an upstream's tool, resource and prompt lists are reused
 */
public record McpConfig(Map<String, McpServerConfig> servers, Integer toolListTtlSeconds) {

  /** Tools of a server are named {@code <server>__<tool>}: the separator. */
  public static final String SEPARATOR = "__";

  public McpConfig {
    servers = servers == null ? Map.of() : Map.copyOf(servers);
    toolListTtlSeconds = toolListTtlSeconds == null ? 30 : toolListTtlSeconds;
  }

  public static McpConfig none() {
    return new McpConfig(null, null);
  }

  /**
   * One upstream MCP server.
   *
   * @param transport {@code streamable-http} (default), {@code sse} (the 2024-11-05 HTTP+SSE
   *     transport) or {@code stdio} (a local process)
   * @param url the server's endpoint for the HTTP transports, e.g. {@code https://mcp.example/mcp}
   * @param command the process's command line for {@code stdio}, one argument per entry
   * @param env environment of the stdio process (use {@code ${ENV}} references for secrets)
   * @param timeoutSeconds how long a call (and the connection's initialisation) may take before its
   *     tools fail with {@code upstream_timeout}
   * @param toolRequestsPerMinute calls per minute one key may make to one tool of this server (0:
   *     no per-tool limit; the key's own limits always apply)
   * @param description shown in the admin API
   */
  public record McpServerConfig(
      String transport,
      String url,
      List<String> command,
      Map<String, String> env,
      Integer timeoutSeconds,
      Integer connectTimeoutSeconds,
      Integer toolRequestsPerMinute,
      String description) {

    public static final String STREAMABLE_HTTP = "streamable-http";
    public static final String SSE = "sse";
    public static final String STDIO = "stdio";

    public McpServerConfig {
      transport = transport == null || transport.isBlank() ? STREAMABLE_HTTP : transport;
      command = command == null ? List.of() : List.copyOf(command);
      env = env == null ? Map.of() : Map.copyOf(env);
      timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
      connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
      toolRequestsPerMinute = toolRequestsPerMinute == null ? 0 : toolRequestsPerMinute;
      description = description == null ? "" : description;
    }
  }
}
