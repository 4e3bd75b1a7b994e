package ai.hyperion.mcp;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Deployment settings of the MCP gateway ({@code hyperion.mcp.}): {@code session-key} (base64, at
 * least 32 bytes, the same on every instance so that any instance resumes a session another issued;
 * without it each instance draws its own and a session is good on its issuer only), {@code
 * token-key} (base64 AES-256 key for upstream tokens at rest; defaults to {@code
 * hyperion.dedicated.token-key}), {@code session-ttl-hours} (24).
 */
public record McpSettings(String sessionKey, String tokenKey, long sessionTtlHours) {

  public static final String SESSION_KEY = "hyperion.mcp.session-key";
  public static final String TOKEN_KEY = "hyperion.mcp.token-key";

  public static McpSettings from(Config config) {
    Optional<String> tokenKey = config.getOptionalValue(TOKEN_KEY, String.class);
    return new McpSettings(
        config.getOptionalValue(SESSION_KEY, String.class).orElse(null),
        tokenKey
            .or(() -> config.getOptionalValue("hyperion.dedicated.token-key", String.class))
            .orElse(null),
        config.getOptionalValue("hyperion.mcp.session-ttl-hours", Long.class).orElse(24L));
  }

  @Override
  public String toString() {
    return "McpSettings[sessionTtlHours=" + sessionTtlHours + "]";
  }
}
