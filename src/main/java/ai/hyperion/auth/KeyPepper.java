package ai.hyperion.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the key pepper comes from. Configured ({@code hyperion.auth.key-pepper}, env
 * HYPERION_AUTH_KEY_PEPPER): that one. Otherwise, with any database but the embedded one, the
 * server refuses to start: instances sharing a database must share the pepper, and no public
 * constant may stand in for it. With the embedded database (one instance), a random pepper is
 * generated on first start and kept owner-only in {@code <output dir>/key-pepper}.
 *
 * <p>An embedded database created before peppers were generated holds keys hashed with the old
 * built-in constant; it keeps that constant (with a warning) so nobody is locked out.
 */
public record KeyPepper(String value, Origin origin) {

  public static final String FILE_NAME = "key-pepper";

  /** How the pepper was found, for the startup log. */
  public enum Origin {
    CONFIGURED,
    GENERATED,
    STORED,
    LEGACY_BUILT_IN
  }

  @Override
  public String toString() {
    return "KeyPepper[" + origin + "]";
  }

  /**
   * @param dbUrl the JDBC URL of the control-plane database (DB_URL); null means the default
   *     embedded database
   * @param outputDir the server output directory, where the embedded database lives too
   */
  public static KeyPepper resolve(Optional<String> configured, String dbUrl, Path outputDir) {
    Optional<String> set = configured.map(String::trim).filter(p -> !p.isEmpty());
    if (set.isPresent()) {
      return new KeyPepper(set.get(), Origin.CONFIGURED);
    }
    if (dbUrl != null && !dbUrl.isBlank() && !embedded(dbUrl)) {
      throw new IllegalStateException(
          "No key pepper configured: set "
              + KeyHasherProducer.PEPPER_PROPERTY
              + " (env HYPERION_AUTH_KEY_PEPPER) to the same random secret (32+ characters) on"
              + " every instance. It is required with any database but the embedded one.");
    }
    Path file = outputDir.resolve(FILE_NAME);
    try {
      Optional<String> stored = SecretFiles.read(file).map(String::trim).filter(p -> !p.isEmpty());
      if (stored.isPresent()) {
        return new KeyPepper(stored.get(), Origin.STORED);
      }
      if (Files.exists(outputDir.resolve("derby").resolve("hyperion"), LinkOption.NOFOLLOW_LINKS)) {
        return new KeyPepper(KeyHasher.DEFAULT_PEPPER, Origin.LEGACY_BUILT_IN);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      SecretFiles.writeOwnerOnly(file, generated + "\n");
      return new KeyPepper(generated, Origin.GENERATED);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or store the key pepper in " + file, e);
    }
  }

  /**
   * Whether the URL names a database inside this server's JVM: Derby, or H2 on a file or in memory
   * (not H2's TCP or SSL server, which other instances may share).
   */
  static boolean embedded(String dbUrl) {
    if (dbUrl.startsWith("jdbc:derby:")) {
      return true;
    }
    return dbUrl.startsWith("jdbc:h2:")
        && !dbUrl.startsWith("jdbc:h2:tcp:")
        && !dbUrl.startsWith("jdbc:h2:ssl:");
  }
}
