package ai.hyperion.mcp;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.FailedAuthThrottle;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Identity for {@code /mcp}, as the data plane's: the virtual key from {@code Authorization:
 * Bearer} (or {@code x-api-key}) through the same verifier and failed-authentication throttle; then
 * the session: a presented {@code Mcp-Session-Id} must be one {@link SessionTokens} signed for this
 * key (404 otherwise, and the client initialises again). {@code DELETE} ends a session (there is
 * nothing to forget: the session is its signed id).
 */
final class McpAuthFilter extends HttpFilter {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiKeyVerifier verifier;
  private final FailedAuthThrottle throttle;
  private final SessionTokens sessions;

  McpAuthFilter(ApiKeyVerifier verifier, FailedAuthThrottle throttle, SessionTokens sessions) {
    this.verifier = verifier;
    this.throttle = throttle;
    this.sessions = sessions;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String key = presentedKey(request);
    if (key == null) {
      response.setHeader("WWW-Authenticate", "Bearer");
      error(
          response,
          401,
          "missing_api_key",
          "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");
      return;
    }
    String address = request.getRemoteAddr();
    OptionalLong wait = throttle.retryAfterSeconds(address);
    if (wait.isPresent()) {
      response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
      error(
          response,
          429,
          "too_many_failed_authentications",
          "Too many failed authentications from your address. Try again in "
              + wait.getAsLong()
              + " s.");
      return;
    }
    TenantContext tenant;
    try {
      tenant = verifier.verify(key).orElse(null);
    } catch (AuthenticationException e) {
      throttle.failed(address);
      error(response, 401, e.code(), e.getMessage());
      return;
    }
    if (tenant == null) {
      throttle.failed(address);
      response.setHeader("WWW-Authenticate", "Bearer");
      error(
          response,
          401,
          "invalid_api_key",
          "Incorrect API key provided. Create a key in the Hyperion admin API and send it as"
              + " 'Authorization: Bearer <key>'.");
      return;
    }
    if (!tenant.allows(KeyPurpose.DATA_PLANE)) {
      error(
          response,
          403,
          "key_not_for_data_plane",
          "This key is an admin key: it manages the gateway, and cannot call tools. Create a"
              + " data-plane key for your agent.");
      return;
    }
    String session = request.getHeader(SESSION_HEADER);
    if (session != null && sessions.resume(session, tenant.keyPrefix()).isEmpty()) {
      error(
          response,
          404,
          "session_not_found",
          "Unknown or expired MCP session: initialize a new one.");
      return;
    }
    if ("DELETE".equals(request.getMethod())) {
      response.setStatus(session == null ? 400 : 204);
      return;
    }
    Consumer<String> issue = id -> response.setHeader(SESSION_HEADER, id);
    request.setAttribute(McpGateway.TENANT, tenant);
    request.setAttribute(McpGateway.SESSION, issue);
    chain.doFilter(request, response);
  }

  private static String presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).trim();
      if (!key.isEmpty()) {
        return key;
      }
    }
    String apiKey = request.getHeader("x-api-key");
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }

  private static void error(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", status == 429 ? "rate_limit_error" : "invalid_request_error");
    error.putNull("param");
    error.put("code", code);
    response.setStatus(status);
    response.setContentType("application/json");
    response
        .getOutputStream()
        .write(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
  }
}
