package ai.hyperion.testing;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one reader of the recorded wire samples under {@code src/test/resources/fixtures/}, named by
 * {@code "provider/file"} (for example {@code "gemini/generate-content-text.json"}).
 */
public final class Fixtures {

  private Fixtures() {}

  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  public static JsonNode json(String path) {
    return Json.tryParse(bytes(path))
        .orElseThrow(() -> new IllegalArgumentException(path + " is not JSON"));
  }

  public static ObjectNode object(String path) {
    return (ObjectNode) json(path);
  }

  /** A {@code .jsonl} sample framed the way Gemini's {@code alt=sse} stream frames it. */
  public static byte[] sseFromJsonl(String path) {
    StringBuilder sse = new StringBuilder();
    for (String line : text(path).split("\n")) {
      if (!line.isBlank()) {
        sse.append("data: ").append(line).append("\r\n\r\n");
      }
    }
    return sse.toString().getBytes(StandardCharsets.UTF_8);
  }
}
