package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security review 2026-11-30, L1 and L2 (issue 8): no built-in pepper in production, and secrets
 * the server writes for itself are owner-only from the start and never written through a symlink.
 */
class KeyPepperTest {

  @TempDir Path dir;

  @Test
  void aConfiguredPepperIsUsed() {
    KeyPepper pepper =
        KeyPepper.resolve(Optional.of(" s3cret-pepper "), "jdbc:postgresql://db/h", dir);
    assertEquals("s3cret-pepper", pepper.value());
    assertEquals(KeyPepper.Origin.CONFIGURED, pepper.origin());
  }

  @Test
  void aSharedDatabaseWithoutAPepperRefusesToStart() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> KeyPepper.resolve(Optional.empty(), "jdbc:postgresql://db:5432/hyperion", dir));
    assertTrue(e.getMessage().contains("HYPERION_AUTH_KEY_PEPPER"), e.getMessage());
    assertFalse(e.getMessage().contains("db:5432"), "the database URL is not repeated");
  }

  @Test
  void theEmbeddedDatabaseGetsAGeneratedPepperStoredOwnerOnly() throws IOException {
    KeyPepper first = KeyPepper.resolve(Optional.empty(), null, dir);
    assertEquals(KeyPepper.Origin.GENERATED, first.origin());
    assertNotEquals(KeyHasher.DEFAULT_PEPPER, first.value());
    assertTrue(first.value().length() >= 40);
    Path file = dir.resolve(KeyPepper.FILE_NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    KeyPepper again = KeyPepper.resolve(Optional.empty(), "jdbc:derby:x;create=true", dir);
    assertEquals(KeyPepper.Origin.STORED, again.origin());
    assertEquals(first.value(), again.value());
    assertFalse(first.toString().contains(first.value()), "toString never shows the pepper");
  }

  @Test
  void anH2FileIsEmbeddedAndAnH2ServerIsShared() {
    KeyPepper generated = KeyPepper.resolve(Optional.empty(), "jdbc:h2:/srv/h2/hyperion", dir);
    assertEquals(KeyPepper.Origin.GENERATED, generated.origin());
    for (String shared : new String[] {"jdbc:h2:tcp://db/hyperion", "jdbc:h2:ssl://db/hyperion"}) {
      assertThrows(
          IllegalStateException.class, () -> KeyPepper.resolve(Optional.empty(), shared, dir));
    }
  }

  @Test
  void anEmbeddedDatabaseFromBeforeKeepsTheOldPepperSoNobodyIsLockedOut() throws IOException {
    Files.createDirectories(dir.resolve("derby").resolve("hyperion"));
    assertEquals(
        KeyPepper.Origin.LEGACY_BUILT_IN, KeyPepper.resolve(Optional.empty(), null, dir).origin());
  }

  @Test
  void aSymlinkedPepperFileIsNotRead() throws IOException {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "attacker-chosen-pepper");
    Files.createSymbolicLink(dir.resolve(KeyPepper.FILE_NAME), elsewhere);
    assertThrows(UncheckedIOException.class, () -> KeyPepper.resolve(Optional.empty(), null, dir));
  }

  @Test
  void writingASecretReplacesASymlinkInsteadOfFollowingIt() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "do not touch");
    Path target = dir.resolve("bootstrap-key");
    Files.createSymbolicLink(target, victim);
    SecretFiles.writeOwnerOnly(target, "hk-secret\n");
    assertEquals("do not touch", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(target));
    assertEquals("hk-secret\n", Files.readString(target));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file left behind");
    }
  }
}
