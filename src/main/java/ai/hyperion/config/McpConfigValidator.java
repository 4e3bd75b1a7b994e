package ai.hyperion.config;

import ai.hyperion.config.McpConfig.McpServerConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the {@code mcp:} section, naming each mistake. */
final class McpConfigValidator {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  private static final Set<String> TRANSPORTS =
      Set.of(McpServerConfig.STREAMABLE_HTTP, McpServerConfig.SSE, McpServerConfig.STDIO);

  List<String> validate(McpConfig config) {
    List<String> problems = new ArrayList<>();
    if (config.toolListTtlSeconds() < 0) {
      problems.add("mcp.tool-list-ttl-seconds: must not be negative");
    }
    for (Map.Entry<String, McpServerConfig> entry : config.servers().entrySet()) {
      String where = "mcp.servers." + entry.getKey();
      McpServerConfig server = entry.getValue();
      if (!NAME.matcher(entry.getKey()).matches()) {
        problems.add(
            where
                + ": a server name is 1-40 lower-case letters, digits and single dashes (it"
                + " prefixes its tools as <server>__<tool>)");
      }
      if (server == null) {
        problems.add(where + ": is empty");
        continue;
      }
      if (!TRANSPORTS.contains(server.transport())) {
        problems.add(where + ".transport: must be one of streamable-http, sse, stdio");
      } else if (McpServerConfig.STDIO.equals(server.transport())) {
        if (server.command().isEmpty() || server.command().get(0).isBlank()) {
          problems.add(where + ".command: is required for a stdio server");
        }
      } else if (!httpUrl(server.url())) {
        problems.add(where + ".url: must be an http(s) URL, was '" + server.url() + "'");
      }
      if (server.timeoutSeconds() < 1) {
        problems.add(where + ".timeout-seconds: must be at least 1");
      }
      if (server.connectTimeoutSeconds() < 1) {
        problems.add(where + ".connect-timeout-seconds: must be at least 1");
      }
      if (server.toolRequestsPerMinute() < 0) {
        problems.add(where + ".tool-requests-per-minute: must not be negative");
      }
    }
    return problems;
  }

  private static boolean httpUrl(String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
