package ai.hyperion.mcp;

/**
 * An allow-list entry as the admin API reads and writes it: at {@code level} ({@code org}, {@code
 * team}, {@code key}) for {@code subjectId} (the org, team or key id), {@code tool} of {@code
 * server} may be called ({@code *}: every tool of the server). A level with no entry for the caller
 * restricts nothing; a level with entries allows only what they list, and the levels intersect.
 */
public record ToolGrant(String level, String subjectId, String server, String tool) {

  public static final String ANY_TOOL = "*";

  public boolean covers(String serverName, String toolName) {
    return server.equals(serverName) && (ANY_TOOL.equals(tool) || tool.equals(toolName));
  }
}
