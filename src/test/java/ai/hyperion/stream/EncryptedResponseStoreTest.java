package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedResponseStoreTest {

  private static final byte[] KEY =
      Arrays.copyOf("0123456789abcdef0123456789abcdef".getBytes(), 32);
  private static final String SECRET = "{\"content\":\"the quarterly numbers are 42\"}";

  @TempDir Path dir;

  @Test
  void bytesOnDiskAreNotThePlaintextAndReadBackWhole() throws Exception {
    FileResponseStore files = new FileResponseStore(dir);
    ResponseStore store = new EncryptedResponseStore(files, KEY);
    store.put("org_a", "req_1", Instant.now(), SECRET.getBytes(StandardCharsets.UTF_8));

    byte[] onDisk = Files.readAllBytes(dir.resolve("org_a/req_1"));
    String raw = new String(onDisk, StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains("quarterly"), raw);
    assertFalse(raw.contains("content"), raw);
    assertArrayEquals(
        SECRET.getBytes(StandardCharsets.UTF_8), store.get("org_a", "req_1").orElseThrow());
  }

  @Test
  void aWrongKeyATamperedEntryOrAnEntryMovedToAnotherIdDoNotDecrypt() throws Exception {
    FileResponseStore files = new FileResponseStore(dir);
    ResponseStore store = new EncryptedResponseStore(files, KEY);
    store.put("org_a", "req_1", Instant.now(), SECRET.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = files.get("org_a", "req_1").orElseThrow();

    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    ResponseStore wrong = new EncryptedResponseStore(files, otherKey);
    assertThrows(IllegalStateException.class, () -> wrong.get("org_a", "req_1"));

    files.put("org_b", "req_1", Instant.now(), sealed);
    assertThrows(IllegalStateException.class, () -> store.get("org_b", "req_1"));

    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 1;
    files.put("org_a", "req_2", Instant.now(), tampered);
    assertThrows(IllegalStateException.class, () -> store.get("org_a", "req_2"));
  }

  @Test
  void aKeyOfTheWrongSizeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EncryptedResponseStore(new FileResponseStore(dir), new byte[10]));
  }
}
