package ai.hyperion.admin;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.util.Map;
import java.util.Optional;

/**
 * The admin UI session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Secure over HTTPS, scoped to {@code /admin}, and a browser-session cookie (closing the
 * browser drops it; the server enforces the idle and absolute timeouts).
 */
public final class SessionCookie {

  public static final String NAME = "hyperion_admin_session";
  public static final String PATH = "/admin";

  /** The header every change made with a session must carry (from the sign-in answer). */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private SessionCookie() {}

  static NewCookie issue(String sessionId, boolean secure) {
    return builder(sessionId, secure).build();
  }

  static NewCookie clear(boolean secure) {
    return builder("", secure).maxAge(0).build();
  }

  private static NewCookie.Builder builder(String value, boolean secure) {
    return new NewCookie.Builder(NAME)
        .value(value)
        .path(PATH)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT);
  }

  static Optional<String> from(Map<String, Cookie> cookies) {
    Cookie cookie = cookies.get(NAME);
    return cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()
        ? Optional.empty()
        : Optional.of(cookie.getValue());
  }
}
