package ai.hyperion.alerting;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The SMTP server alert e-mails go through ({@code hyperion.alerts.smtp.*}); without a host, e-mail
 * alerts are not sent (and say so in the alert's delivery status).
 */
public record SmtpSettings(
    String host,
    int port,
    String from,
    String username,
    String password,
    boolean startTls,
    boolean ssl,
    int timeoutMillis) {

  static final String PREFIX = "hyperion.alerts.smtp.";

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", from " + from + "]";
  }

  public static SmtpSettings from(Config config) {
    return new SmtpSettings(
        config.getOptionalValue(PREFIX + "host", String.class).orElse(""),
        config.getOptionalValue(PREFIX + "port", Integer.class).orElse(25),
        config.getOptionalValue(PREFIX + "from", String.class).orElse("hyperion@localhost"),
        config.getOptionalValue(PREFIX + "username", String.class).orElse(""),
        config.getOptionalValue(PREFIX + "password", String.class).orElse(""),
        config.getOptionalValue(PREFIX + "starttls", Boolean.class).orElse(false),
        config.getOptionalValue(PREFIX + "ssl", Boolean.class).orElse(false),
        config.getOptionalValue(PREFIX + "timeout-ms", Integer.class).orElse(10_000));
  }

  boolean configured() {
    return host != null && !host.isBlank();
  }

  Optional<String> user() {
    return username == null || username.isBlank() ? Optional.empty() : Optional.of(username);
  }
}
