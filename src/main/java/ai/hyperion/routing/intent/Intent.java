package ai.hyperion.routing.intent;

import java.util.Locale;
import java.util.Optional;

/** What a request asks for, as the router sees it; the value of {@code x-hyperion-intent}. */
public enum Intent {
  CODE,
  MATH,
  REASONING,
  LONG_CONTEXT,
  EXTRACTION,
  CREATIVE,
  CHAT,
  GENERAL;

  /** The wire name: lower case with a hyphen ({@code long-context}). */
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Intent> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Intent intent : values()) {
      if (intent.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(intent);
      }
    }
    return Optional.empty();
  }
}
