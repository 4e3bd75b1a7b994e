package ai.hyperion.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes virtual keys with HMAC-SHA256 under a server-wide pepper, so a leaked database alone
 * cannot be used to test guesses, and compares hashes in constant time. Every member of a cluster
 * must use the same pepper; changing it invalidates every stored key.
 */
public final class KeyHasher {

  /**
   * Used when no pepper is configured: hashes are then as strong as plain SHA-256 of 190-bit
   * secrets.
   */
  public static final String DEFAULT_PEPPER = "hyperion-virtual-key-v1";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec pepper;

  /** Mac instances are not thread-safe and costly to create: one per thread. */
  private final ThreadLocal<Mac> macs;

  public KeyHasher(String pepper) {
    if (pepper == null || pepper.isEmpty()) {
      throw new IllegalArgumentException("The key pepper must not be empty");
    }
    this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public byte[] hash(String key) {
    return macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8));
  }

  public String hashHex(String key) {
    return HexFormat.of().formatHex(hash(key));
  }

  /** Constant-time with respect to the contents of the two hashes. */
  public boolean matches(String presentedKey, byte[] storedHash) {
    return MessageDigest.isEqual(hash(presentedKey), storedHash);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(pepper);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
