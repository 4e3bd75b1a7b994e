package ai.hyperion.provider;

/** Who said a message in a conversation. */
public enum Role {
  SYSTEM,
  DEVELOPER,
  USER,
  ASSISTANT,
  TOOL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses an OpenAI role name; empty for names we do not know. */
  public static java.util.Optional<Role> fromWire(String name) {
    if (name == null) {
      return java.util.Optional.empty();
    }
    return switch (name) {
      case "system" -> java.util.Optional.of(SYSTEM);
      case "developer" -> java.util.Optional.of(DEVELOPER);
      case "user" -> java.util.Optional.of(USER);
      case "assistant" -> java.util.Optional.of(ASSISTANT);
      case "tool", "function" -> java.util.Optional.of(TOOL);
      default -> java.util.Optional.empty();
    };
  }
}
