package ai.hyperion.config;

import java.util.List;

/** gateway.yaml is unreadable or invalid; the message lists every problem found. */
public class ConfigException extends RuntimeException {

  public ConfigException(String source, List<String> problems) {
    super("Invalid gateway configuration " + source + ":\n  - " + String.join("\n  - ", problems));
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
