package ai.hyperion.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets the server generates for itself and keeps in its output directory (the bootstrap key, the
 * key pepper). Written owner-only from the first byte (the file is created with its permissions,
 * never chmod'ed afterwards), under a temporary name and then renamed into place, so nobody sees a
 * partial file and a symlink planted at the target is replaced, never followed. Read without
 * following symlinks either.
 */
public final class SecretFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SecretFiles() {}

  /** Writes {@code content} to {@code file}, replacing what is there. */
  public static void writeOwnerOnly(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + file.getFileName() + ".tmp-" + System.nanoTime());
    try {
      Files.createFile(temp, ownerOnly(dir));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("Refusing to write through an existing " + temp, e);
    }
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8, LinkOption.NOFOLLOW_LINKS);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The file's content when it is a regular file (not a symlink); empty when absent. */
  public static Optional<String> read(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " is not a regular file (a symlink?): refusing to read it");
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
    return Files.getFileStore(dir).supportsFileAttributeView("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }
}
