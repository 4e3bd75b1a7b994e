package ai.hyperion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two rules of STYLE.md that google-java-format (spotless, checked in {@code verify}) does not
 * enforce: lines of at most 100 characters, and no inline fully qualified type names in code.
 */
class SourceStyleTest {

  private static final int LIMIT = 100;
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?<![\\w.])(?:java|javax|jakarta|ai|org|com|io)\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*\\.[A-Z]");
  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

  @Test
  void linesFitIn100Characters() throws IOException {
    List<String> long_ = new ArrayList<>();
    for (Path file : sources()) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.length() > LIMIT && !line.startsWith("import ") && !line.startsWith("package ")) {
          long_.add(file + ":" + (i + 1) + " (" + line.length() + ")");
        }
      }
    }
    assertEquals(List.of(), long_, "lines over " + LIMIT + " characters");
  }

  @Test
  void typesAreImportedNotQualifiedInline() throws IOException {
    List<String> qualified = new ArrayList<>();
    for (Path file : sources()) {
      List<String> lines = Files.readAllLines(file);
      boolean textBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String trimmed = line.strip();
        if (line.split("\"\"\"", -1).length % 2 == 0) {
          textBlock = !textBlock;
          continue;
        }
        if (textBlock || isDeclarationOrComment(trimmed)) {
          continue;
        }
        String code = STRING.matcher(line).replaceAll("\"\"").replaceAll("//.*", "");
        if (QUALIFIED.matcher(code).find()) {
          qualified.add(file + ":" + (i + 1) + ": " + trimmed);
        }
      }
    }
    assertEquals(List.of(), qualified, "inline fully qualified names (import them)");
  }

  private static boolean isDeclarationOrComment(String trimmed) {
    return trimmed.startsWith("import ")
        || trimmed.startsWith("package ")
        || trimmed.startsWith("*")
        || trimmed.startsWith("/*")
        || trimmed.startsWith("//");
  }

  private static List<Path> sources() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : List.of("src/main/java", "src/test/java", "src/jmh/java")) {
      if (!Files.isDirectory(Path.of(root))) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
