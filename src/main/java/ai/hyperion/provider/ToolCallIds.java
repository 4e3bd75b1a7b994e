package ai.hyperion.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Tool-call ids every provider accepts. The strictest rule wins: OpenAI takes at most {@value
 * #MAX_LENGTH} characters of {@code [a-zA-Z0-9_-]}, Anthropic the same charset, Bedrock's {@code
 * toolUseId} at most 64. Minted ids are {@code call_} plus 24 random letters and digits; an id from
 * elsewhere that breaks the rule (an older gateway's long Gemini id, a client's own) is replaced by
 * a digest of itself, the same wherever it appears, so a call and its result still match.
 */
public final class ToolCallIds {

  public static final int MAX_LENGTH = 40;
  private static final Pattern PORTABLE = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String PREFIX = "call_";
  private static final int RANDOM_LENGTH = 24;

  private ToolCallIds() {}

  public static String mint() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  public static boolean portable(String id) {
    return id != null && PORTABLE.matcher(id).matches();
  }

  /** The id itself when every provider accepts it, else its stable digest form; null stays null. */
  public static String toPortable(String id) {
    if (id == null || portable(id)) {
      return id;
    }
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
    StringBuilder out = new StringBuilder(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      out.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
    }
    return out.toString();
  }
}
