package ai.hyperion.dedicated;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The SMTP server owner notifications go through (MicroProfile Config {@code hyperion.mail.*}; no
 * host means no mail). The password is never logged.
 */
public record MailSettings(
    String host,
    int port,
    String from,
    String username,
    String password,
    boolean startTls,
    int timeoutMillis) {

  public static final String PREFIX = "hyperion.mail.";

  public static MailSettings from(Config config) {
    return new MailSettings(
        string(config, "smtp.host").orElse(""),
        config.getOptionalValue(PREFIX + "smtp.port", Integer.class).orElse(25),
        string(config, "from").orElse("hyperion@localhost"),
        string(config, "smtp.username").orElse(""),
        string(config, "smtp.password").orElse(""),
        config.getOptionalValue(PREFIX + "smtp.starttls", Boolean.class).orElse(false),
        config.getOptionalValue(PREFIX + "smtp.timeout-ms", Integer.class).orElse(10_000));
  }

  private static Optional<String> string(Config config, String name) {
    return config.getOptionalValue(PREFIX + name, String.class).filter(s -> !s.isBlank());
  }

  public boolean enabled() {
    return !host.isBlank();
  }

  @Override
  public String toString() {
    return "MailSettings[" + host + ":" + port + ", from " + from + "]";
  }
}
