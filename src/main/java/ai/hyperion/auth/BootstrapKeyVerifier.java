package ai.hyperion.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Accepts the bootstrap key (MicroProfile Config {@code hyperion.auth.bootstrap-key}, env
 * {@code HYPERION_BOOTSTRAP_KEY}) as the default organisation's key. When none is configured a
 * random one is generated and written, readable only by the server's user, to
 * {@code <server output dir>/bootstrap-key}; the key itself is never logged. Only its SHA-256 is
 * kept in memory, compared in constant time.
 */
@ApplicationScoped
public class BootstrapKeyVerifier implements ApiKeyVerifier {

  private static final Logger LOG = Logger.getLogger(BootstrapKeyVerifier.class.getName());
  private static final TenantContext DEFAULT_TENANT =
      new TenantContext("default", "default", "bootstrap", "bootstrap", "hk-boot", Set.of(), true, Map.of());

  private byte[] keyHash;

  @PostConstruct
  void init() {
    String configured = ConfigProvider.getConfig()
        .getOptionalValue("hyperion.auth.bootstrap-key", String.class).orElse("");
    if (configured.isBlank()) {
      configured = generateAndStore();
    }
    keyHash = sha256(configured);
  }

  /** Created at start-up so a generated key is on disk before the first request. */
  void onStart(@jakarta.enterprise.event.Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class) Object ignored) {
    // Touching the bean runs @PostConstruct.
  }

  @Override
  public Optional<TenantContext> verify(String presentedKey) {
    return MessageDigest.isEqual(keyHash, sha256(presentedKey)) ? Optional.of(DEFAULT_TENANT) : Optional.empty();
  }

  private static String generateAndStore() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = "hk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path file = Path.of(System.getProperty("server.output.dir", System.getProperty("user.dir", ".")), "bootstrap-key");
    try {
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.warning("Could not restrict permissions of " + file + " on this file system.");
      }
      LOG.info("No hyperion.auth.bootstrap-key configured: generated one and wrote it to " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the generated bootstrap key to " + file, e);
    }
    return key;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
