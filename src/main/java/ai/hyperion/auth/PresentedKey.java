package ai.hyperion.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * Reads the key a caller presents: {@code Authorization: Bearer <key>}, or Anthropic-style {@code
 * x-api-key}.
 */
public final class PresentedKey {

  private PresentedKey() {}

  public static Optional<String> from(ContainerRequestContext request) {
    String authorization = request.getHeaderString("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).trim();
      if (!key.isEmpty()) {
        return Optional.of(key);
      }
    }
    String apiKey = request.getHeaderString("x-api-key");
    return apiKey == null || apiKey.isBlank() ? Optional.empty() : Optional.of(apiKey.trim());
  }
}
