package ai.hyperion.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.Config;

/**
 * How long admin UI sessions last: {@code hyperion.admin.session.idle-timeout} (ISO-8601, default
 * {@code PT30M}) without a request, {@code hyperion.admin.session.absolute-timeout} (default {@code
 * PT8H}) after sign-in whatever the activity; {@code hyperion.admin.session.secure-cookie} {@code
 * auto} (Secure when the request came over HTTPS) or {@code always} (behind a proxy that terminates
 * TLS).
 */
public record AdminSessionSettings(
    Duration idleTimeout, Duration absoluteTimeout, boolean alwaysSecure) {

  public static final String PREFIX = "hyperion.admin.session.";

  public AdminSessionSettings {
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException(PREFIX + "idle-timeout must be positive");
    }
    if (absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          PREFIX + "absolute-timeout must be at least the idle timeout");
    }
  }

  public static AdminSessionSettings defaults() {
    return new AdminSessionSettings(Duration.ofMinutes(30), Duration.ofHours(8), false);
  }

  public static AdminSessionSettings from(Config config) {
    AdminSessionSettings defaults = defaults();
    String secure = config.getOptionalValue(PREFIX + "secure-cookie", String.class).orElse("auto");
    if (!secure.equals("auto") && !secure.equals("always")) {
      throw new IllegalArgumentException(
          PREFIX + "secure-cookie must be 'auto' or 'always', not '" + secure + "'");
    }
    return new AdminSessionSettings(
        duration(config, "idle-timeout", defaults.idleTimeout()),
        duration(config, "absolute-timeout", defaults.absoluteTimeout()),
        secure.equals("always"));
  }

  private static Duration duration(Config config, String name, Duration fallback) {
    String value = config.getOptionalValue(PREFIX + name, String.class).orElse("");
    if (value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          PREFIX + name + " must be an ISO-8601 duration such as PT30M, not '" + value + "'", e);
    }
  }
}
