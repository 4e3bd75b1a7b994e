package ai.hyperion.provider.gemini;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Tool-call ids for Gemini's function calls, which arrive without one. Newer models attach a {@code
 * thoughtSignature} to a call and reject the next turn unless it comes back with the call. The
 * canonical {@code ToolCall} has no slot for it and OpenAI clients echo back only the id, so the
 * signature rides inside the id: {@code call_<24 random>__thought__<signature, base64url without
 * padding>}. Reading it back restores the padded base64url form, which is how Google's own SDK
 * returns signatures and which Gemini accepts.
 */
final class GeminiToolCallIds {

  static final String PREFIX = "call_";
  static final String SIGNATURE_SEPARATOR = "__thought__";
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_LENGTH = 24;

  private GeminiToolCallIds() {}

  /** A fresh id; {@code thoughtSignature} may be null. */
  static String mint(String thoughtSignature) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    if (thoughtSignature != null && !thoughtSignature.isEmpty()) {
      id.append(SIGNATURE_SEPARATOR).append(toIdSafe(thoughtSignature));
    }
    return id.toString();
  }

  /** The thought signature carried by an id we minted, or null. */
  static String signature(String id) {
    if (id == null) {
      return null;
    }
    int at = id.indexOf(SIGNATURE_SEPARATOR);
    if (at < 0 || at + SIGNATURE_SEPARATOR.length() == id.length()) {
      return null;
    }
    String encoded = id.substring(at + SIGNATURE_SEPARATOR.length());
    int padding = (4 - encoded.length() % 4) % 4;
    return encoded + "=".repeat(padding);
  }

  private static String toIdSafe(String base64) {
    StringBuilder out = new StringBuilder(base64.length());
    for (int i = 0; i < base64.length(); i++) {
      char c = base64.charAt(i);
      if (c == '+') {
        out.append('-');
      } else if (c == '/') {
        out.append('_');
      } else if (c != '=') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
