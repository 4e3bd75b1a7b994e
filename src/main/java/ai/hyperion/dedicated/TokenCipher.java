package ai.hyperion.dedicated;

import ai.hyperion.provider.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access tokens for gated weights at rest: AES-256-GCM with a random 96-bit nonce, the
 * endpoint id as associated data (a ciphertext copied to another row does not decrypt), stored as
 * {@code v1:<base64(nonce | ciphertext | tag)>}. The key is 32 bytes, base64, from MicroProfile
 * Config {@code hyperion.dedicated.token-key} (env HYPERION_DEDICATED_TOKEN_KEY); without one,
 * tokens are refused rather than stored in the clear.
 */
public final class TokenCipher {

  private static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private TokenCipher(SecretKey key) {
    this.key = key;
  }

  /** Empty when no key is configured; a malformed key is a start-up error naming the property. */
  public static Optional<TokenCipher> fromBase64(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          DedicatedSettings.TOKEN_KEY + " is not base64 (expected 32 random bytes, base64)");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          DedicatedSettings.TOKEN_KEY
              + " must be 32 bytes (AES-256) once base64-decoded, was "
              + raw.length);
    }
    return Optional.of(new TokenCipher(new SecretKeySpec(raw, "AES")));
  }

  public String encrypt(Secret token, String endpointId) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(token.value().getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return VERSION + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  public Secret decrypt(String stored, String endpointId) {
    if (stored == null || !stored.startsWith(VERSION)) {
      throw new IllegalStateException("The stored access token of " + endpointId + " is corrupt");
    }
    byte[] packed = Base64.getDecoder().decode(stored.substring(VERSION.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, packed, 0, NONCE_BYTES));
      cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(packed, NONCE_BYTES, packed.length - NONCE_BYTES);
      return new Secret(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The access token of "
              + endpointId
              + " does not decrypt: was "
              + DedicatedSettings.TOKEN_KEY
              + " changed?");
    }
  }
}
