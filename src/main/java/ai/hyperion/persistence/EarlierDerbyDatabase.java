package ai.hyperion.persistence;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The embedded database of releases before H2 became the default: Derby, in {@code <server output
 * dir>/derby/hyperion}. A server upgraded in place would start on a new, empty H2 database and
 * bootstrap a new administrator beside the organisations and keys it no longer sees; it refuses to
 * start instead, and says how to keep the Derby database or to start afresh.
 */
public final class EarlierDerbyDatabase {

  private static final String H2_FILE = "jdbc:h2:";

  private EarlierDerbyDatabase() {}

  /** Where releases before H2 kept the embedded database. */
  public static Path location(Path outputDir) {
    return outputDir.resolve("derby").resolve("hyperion");
  }

  /**
   * Throws when the database is the embedded default ({@code dbUrl} absent, or H2 in {@code
   * <outputDir>/h2/hyperion}, as server.xml's default names it), an earlier Derby database lies in
   * {@code outputDir}, and the default database is still empty.
   */
  public static void refuseToHide(
      Optional<String> dbUrl, Path outputDir, BooleanSupplier defaultDatabaseEmpty) {
    Path derby = location(outputDir);
    if (!dbUrl.filter(url -> !url.isBlank()).map(url -> isDefault(url, outputDir)).orElse(true)
        || !Files.isDirectory(derby, LinkOption.NOFOLLOW_LINKS)
        || !defaultDatabaseEmpty.getAsBoolean()) {
      return;
    }
    throw new IllegalStateException(
        "An embedded Derby database from an earlier Hyperion is in "
            + derby.toAbsolutePath()
            + ", and the default database is now H2. To keep using it, set DB_URL=jdbc:derby:"
            + derby.toAbsolutePath()
            + " (environment or server.env). To start afresh on H2, move that directory away.");
  }

  /** Whether {@code url} is H2 on the default file (Liberty's output dir may end in a slash). */
  private static boolean isDefault(String url, Path outputDir) {
    if (!url.startsWith(H2_FILE)) {
      return false;
    }
    int options = url.indexOf(';');
    String file = url.substring(H2_FILE.length(), options < 0 ? url.length() : options);
    return Path.of(file)
        .normalize()
        .equals(outputDir.resolve("h2").resolve("hyperion").normalize());
  }
}
