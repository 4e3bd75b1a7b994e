package ai.hyperion.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The shape of a virtual API key: {@code hk-<prefix>_<secret>}. The 8-character prefix is public
 * (shown in listings, used to find the key); the secret is 32 random base-62 characters (~190
 * bits), shown once at creation and stored only as a hash.
 *
 * <p>A configured bootstrap key may have any other shape (16 to 256 visible ASCII characters): its
 * lookup prefix is then derived from its SHA-256, so it is still found without a scan.
 */
public final class VirtualKeyFormat {

  public static final String MARKER = "hk-";
  public static final int PREFIX_LENGTH = 8;
  public static final int SECRET_LENGTH = 32;
  static final int MIN_SECRET_LENGTH = 20;
  static final int MAX_SECRET_LENGTH = 128;
  static final int MIN_FOREIGN_LENGTH = 16;
  static final int MAX_FOREIGN_LENGTH = 256;
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private VirtualKeyFormat() {}

  /** A key split into the part used for lookup and the whole string that is hashed. */
  public record PresentedKey(String prefix, String key) {
    @Override
    public String toString() {
      return display(prefix);
    }
  }

  public static PresentedKey generate() {
    String prefix = random(PREFIX_LENGTH);
    return new PresentedKey(prefix, MARKER + prefix + "_" + random(SECRET_LENGTH));
  }

  /** Empty when the string cannot be a key, so no lookup is spent on it. */
  public static Optional<PresentedKey> parse(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    Optional<PresentedKey> standard = parseStandard(presented);
    return standard.isPresent() ? standard : parseForeign(presented);
  }

  private static Optional<PresentedKey> parseForeign(String presented) {
    if (presented.length() < MIN_FOREIGN_LENGTH || presented.length() > MAX_FOREIGN_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < presented.length(); i++) {
      char c = presented.charAt(i);
      if (c <= ' ' || c > '~') {
        return Optional.empty();
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(presented.getBytes(StandardCharsets.US_ASCII));
      return Optional.of(
          new PresentedKey(HexFormat.of().formatHex(digest, 0, PREFIX_LENGTH / 2), presented));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Only the {@code hk-} shape every key the gateway generates has. */
  public static Optional<PresentedKey> parseStandard(String presented) {
    if (presented == null || !presented.startsWith(MARKER)) {
      return Optional.empty();
    }
    int separator = MARKER.length() + PREFIX_LENGTH;
    int secretLength = presented.length() - separator - 1;
    if (secretLength < MIN_SECRET_LENGTH
        || secretLength > MAX_SECRET_LENGTH
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
    return Optional.of(
        new PresentedKey(presented.substring(MARKER.length(), separator), presented));
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
