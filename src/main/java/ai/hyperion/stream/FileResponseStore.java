package ai.hyperion.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The embedded response store: one file per request, {@code <root>/<org>/<request id>}, written to
 * a temporary file and moved into place (a reader never sees half an entry); the file's
 * modification time is the entry's creation time, which retention compares.
 */
public final class FileResponseStore implements ResponseStore {

  private static final String PARTIAL = ".part";

  private final Path root;

  public FileResponseStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  @Override
  public void put(String orgId, String requestId, Instant createdAt, byte[] data) {
    ResponseStore.requireKey(orgId, requestId);
    try {
      Path dir = root.resolve(orgId);
      Path temp = dir.resolve(requestId + PARTIAL);
      try {
        Files.write(temp, data);
      } catch (NoSuchFileException firstOfItsOrganisation) {
        // Made only when missing: createDirectories on every put cost a failed mkdir, a stat and
        // an exception each time the directory was there.
        Files.createDirectories(dir);
        Files.write(temp, data);
      }
      Files.setLastModifiedTime(temp, FileTime.from(createdAt));
      Files.move(
          temp,
          dir.resolve(requestId),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not store " + orgId + "/" + requestId, e);
    }
  }

  @Override
  public Optional<byte[]> get(String orgId, String requestId) {
    ResponseStore.requireKey(orgId, requestId);
    try {
      return Optional.of(Files.readAllBytes(root.resolve(orgId).resolve(requestId)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + orgId + "/" + requestId, e);
    }
  }

  @Override
  public boolean delete(String orgId, String requestId) {
    ResponseStore.requireKey(orgId, requestId);
    try {
      return Files.deleteIfExists(root.resolve(orgId).resolve(requestId));
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + orgId + "/" + requestId, e);
    }
  }

  @Override
  public Set<String> orgs() {
    Set<String> orgs = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return orgs;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        orgs.add(dir.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + root, e);
    }
    return orgs;
  }

  @Override
  public int deleteCreatedBefore(String orgId, Instant cutoff) {
    if (!ResponseStore.validKey(orgId)) {
      return 0;
    }
    Path dir = root.resolve(orgId);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
            && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not sweep " + dir, e);
    }
    return deleted;
  }
}
