package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

  private static String key() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  @Test
  void encryptsWithAFreshNonceAndDecryptsForTheSameEndpointOnly() {
    TokenCipher cipher = TokenCipher.fromBase64(key()).orElseThrow();
    Secret token = new Secret("hf_gatedTokenValue123456");
    String a = cipher.encrypt(token, "endpt-a");
    String b = cipher.encrypt(token, "endpt-a");
    assertTrue(a.startsWith("v1:"));
    assertNotEquals(a, b, "a fresh nonce each time");
    assertFalse(a.contains("gatedTokenValue"));
    assertEquals(token.value(), cipher.decrypt(a, "endpt-a").value());
    IllegalStateException moved =
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(a, "endpt-b"));
    assertTrue(moved.getMessage().contains("does not decrypt"));
  }

  @Test
  void anotherKeyCannotReadIt() {
    String sealed =
        TokenCipher.fromBase64(key()).orElseThrow().encrypt(new Secret("hf_x1234567"), "endpt-a");
    TokenCipher other = TokenCipher.fromBase64(key()).orElseThrow();
    assertThrows(IllegalStateException.class, () -> other.decrypt(sealed, "endpt-a"));
  }

  @Test
  void noKeyMeansNoCipherAndABadKeyNamesTheProperty() {
    assertTrue(TokenCipher.fromBase64("").isEmpty());
    IllegalArgumentException shortKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
    assertTrue(shortKey.getMessage().contains(DedicatedSettings.TOKEN_KEY));
    assertThrows(IllegalArgumentException.class, () -> TokenCipher.fromBase64("not base64!"));
  }
}
