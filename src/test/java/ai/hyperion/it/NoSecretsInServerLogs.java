package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each in-server test class, scans every file the IT server has logged so far (directory
 * {@code it.server.logs}: messages, trace, FFDC) for secrets: virtual keys ({@code hk-
 * <prefix>_<secret>}), the bootstrap key, the provider keys and other credentials of
 * gateway-it.yaml, webhook secrets the tests use, and {@code Authorization} header values. The
 * class after which the last test class ran has checked the whole suite's logs; a finding fails the
 * class during which it appeared (or a later one), naming the file and line, not the secret.
 */
public class NoSecretsInServerLogs implements AfterAllCallback {

  static final List<String> LITERALS =
      List.of(
          GatewayIT.KEY,
          "sk-it-upstream-key-0000000000",
          "sk-it-backup-key-0000000000",
          "sk-ant-it-key-0000000000000000",
          "AIzaIT-key-0000000000000000000000",
          "it-secret-access-key-not-real",
          "ya29.it-access-token",
          "whsec-0123456789abcdef");

  static final Pattern PATTERNS =
      Pattern.compile(
          "hk-[A-Za-z0-9]{8}_[A-Za-z0-9]{20,}"
              + "|(?i:authorization)[\"']?\\s*[:=]\\s*[\"']?(?i:bearer|basic|aws4-hmac-sha256)\\"
              + "s+\\S{6,}"
              + "|(?i:bearer)\\s+(?:hk-|sk-)[A-Za-z0-9_\\-]{8,}");

  @Override
  public void afterAll(ExtensionContext context) {
    String dir = System.getProperty("it.server.logs");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      return;
    }
    List<String> findings = scan(Path.of(dir));
    if (!findings.isEmpty()) {
      fail("Secrets in the server's logs:\n" + String.join("\n", findings));
    }
  }

  static List<String> scan(Path dir) {
    List<String> findings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException rotatedAway) {
          // A log file rotated while listing: the next scan reads its successor.
          continue;
        }
        for (int i = 0; i < lines.size(); i++) {
          String what = secretIn(lines.get(i));
          if (what != null) {
            findings.add(dir.relativize(file) + ":" + (i + 1) + " holds " + what);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  /** What kind of secret the line holds (never the secret itself), or null. */
  static String secretIn(String line) {
    for (String literal : LITERALS) {
      if (line.contains(literal)) {
        return "a configured credential (" + literal.substring(0, 4) + "...)";
      }
    }
    Matcher matcher = PATTERNS.matcher(line);
    return matcher.find()
        ? "a key or Authorization value (" + matcher.group().substring(0, 4) + "...)"
        : null;
  }
}
