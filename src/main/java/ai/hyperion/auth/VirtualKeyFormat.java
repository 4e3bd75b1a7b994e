package ai.hyperion.auth;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The shape of a virtual API key: {@code hk-<prefix>_<secret>}. The 8-character prefix is public
 * (shown in listings, used to find the key); the secret is 32 random base-62 characters (~190
 * bits), shown once at creation and stored only as a hash.
 */
public final class VirtualKeyFormat {

  public static final String MARKER = "hk-";
  public static final int PREFIX_LENGTH = 8;
  public static final int SECRET_LENGTH = 32;
  static final int MIN_SECRET_LENGTH = 20;
  static final int MAX_SECRET_LENGTH = 128;
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private VirtualKeyFormat() {}

  /** A key split into the part used for lookup and the whole string that is hashed. */
  public record PresentedKey(String prefix, String key) {
    @Override
    public String toString() {
      return MARKER + prefix + "_***";
    }
  }

  public static PresentedKey generate() {
    String prefix = random(PREFIX_LENGTH);
    return new PresentedKey(prefix, MARKER + prefix + "_" + random(SECRET_LENGTH));
  }

  /** Empty when the string cannot be one of our keys, so no lookup is spent on it. */
  public static Optional<PresentedKey> parse(String presented) {
    if (presented == null || !presented.startsWith(MARKER)) {
      return Optional.empty();
    }
    int separator = MARKER.length() + PREFIX_LENGTH;
    int secretLength = presented.length() - separator - 1;
    if (secretLength < MIN_SECRET_LENGTH || secretLength > MAX_SECRET_LENGTH
        || presented.charAt(separator) != '_') {
      return Optional.empty();
    }
    for (int i = MARKER.length(); i < separator; i++) {
      if (!isAlphanumeric(presented.charAt(i))) {
        return Optional.empty();
      }
    }
    for (int i = separator + 1; i < presented.length(); i++) {
      char c = presented.charAt(i);
      if (!isAlphanumeric(c) && c != '_' && c != '-') {
        return Optional.empty();
      }
    }
    return Optional.of(new PresentedKey(presented.substring(MARKER.length(), separator), presented));
  }

  /** How listings show a key: its public part only. */
  public static String display(String prefix) {
    return MARKER + prefix + "_...";
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String random(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(chars);
  }
}
