package ai.hyperion.provider;

import java.util.Locale;
import java.util.Optional;

/** Who said a message in a conversation. */
public enum Role {
  SYSTEM,
  DEVELOPER,
  USER,
  ASSISTANT,
  TOOL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an OpenAI role name; empty for names we do not know. */
  public static Optional<Role> fromWire(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name) {
      case "system" -> Optional.of(SYSTEM);
      case "developer" -> Optional.of(DEVELOPER);
      case "user" -> Optional.of(USER);
      case "assistant" -> Optional.of(ASSISTANT);
      case "tool", "function" -> Optional.of(TOOL);
      default -> Optional.empty();
    };
  }
}
