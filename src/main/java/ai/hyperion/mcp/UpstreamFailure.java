package ai.hyperion.mcp;

/**
 * An upstream MCP server did not answer: {@code code} is {@code upstream_timeout} (it stalled past
 * its timeout) or {@code upstream_unavailable} (down, refused, or broke the connection). The
 * message names the server and never its credentials.
 */
public class UpstreamFailure extends RuntimeException {

  private final String code;

  public UpstreamFailure(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
