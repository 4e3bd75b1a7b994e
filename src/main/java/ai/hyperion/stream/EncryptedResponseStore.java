package ai.hyperion.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest for any {@link ResponseStore}: AES-GCM with the configured key, a fresh random
 * 96-bit nonce per entry, and the entry's organisation and request id as associated data (an entry
 * copied under another key does not decrypt). Layout: {@code "HYE1"}, nonce, ciphertext with tag.
 */
public final class EncryptedResponseStore implements ResponseStore {

  private static final byte[] MAGIC = "HYE1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final ResponseStore store;
  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  /** {@code key}: 16, 24 or 32 bytes (AES-128/192/256). */
  public EncryptedResponseStore(ResponseStore store, byte[] key) {
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes, not " + key.length);
    }
    this.store = store;
    this.key = new SecretKeySpec(key, "AES");
  }

  @Override
  public void put(String orgId, String requestId, Instant createdAt, byte[] data) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, orgId, requestId, data);
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + NONCE + sealed.length);
    out.put(MAGIC).put(nonce).put(sealed);
    store.put(orgId, requestId, createdAt, out.array());
  }

  @Override
  public Optional<byte[]> get(String orgId, String requestId) {
    return store.get(orgId, requestId).map(bytes -> open(orgId, requestId, bytes));
  }

  private byte[] open(String orgId, String requestId, byte[] bytes) {
    if (bytes.length < MAGIC.length + NONCE
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IllegalStateException(orgId + "/" + requestId + " is not an encrypted entry");
    }
    byte[] nonce = Arrays.copyOfRange(bytes, MAGIC.length, MAGIC.length + NONCE);
    byte[] sealed = Arrays.copyOfRange(bytes, MAGIC.length + NONCE, bytes.length);
    return crypt(Cipher.DECRYPT_MODE, nonce, orgId, requestId, sealed);
  }

  private byte[] crypt(int mode, byte[] nonce, String orgId, String requestId, byte[] data) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD((orgId + "/" + requestId).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      // A wrong key or a tampered entry: never hand back bytes that did not authenticate.
      throw new IllegalStateException(
          "could not "
              + (mode == Cipher.ENCRYPT_MODE ? "encrypt " : "decrypt ")
              + orgId
              + "/"
              + requestId,
          e);
    }
  }

  @Override
  public boolean delete(String orgId, String requestId) {
    return store.delete(orgId, requestId);
  }

  @Override
  public Set<String> orgs() {
    return store.orgs();
  }

  @Override
  public int deleteCreatedBefore(String orgId, Instant cutoff) {
    return store.deleteCreatedBefore(orgId, cutoff);
  }
}
