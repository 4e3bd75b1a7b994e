package ai.hyperion.provider.gemini;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** One canonical content part → one Gemini {@code Part}: text, inline data or a file URI. */
final class GeminiPartTranslator {

  private GeminiPartTranslator() {}

  /** The Gemini part, or null for an empty text part (Gemini rejects those). */
  static ObjectNode write(ContentPart part, String path) {
    if (part instanceof ContentPart.Text t) {
      return t.text() == null || t.text().isEmpty() ? null : Json.object().put("text", t.text());
    }
    if (part instanceof ContentPart.Image image) {
      if (image.inline()) {
        if (image.mediaType() == null || image.base64Data() == null) {
          throw new InvalidRequestException(path, "An inline image must be a base64 data: URL.");
        }
        return inlineData(image.mediaType(), image.base64Data());
      }
      // Gemini fetches http(s) and gs:// URIs itself; it wants a MIME type, so guess one.
      ObjectNode fileData = Json.object();
      fileData
          .putObject("fileData")
          .put("mimeType", imageType(image.url()))
          .put("fileUri", image.url());
      return fileData;
    }
    if (part instanceof ContentPart.File file) {
      String data = file.fileData();
      if (data.startsWith("data:")) {
        int semi = data.indexOf(';');
        int comma = data.indexOf(',');
        if (semi < 5 || comma < semi) {
          throw new InvalidRequestException(
              path, "'file_data' must be base64 or a base64 data: URL.");
        }
        return inlineData(data.substring(5, semi), data.substring(comma + 1));
      }
      return inlineData("application/pdf", data);
    }
    JsonNode raw = ((ContentPart.Opaque) part).raw();
    if ("input_audio".equals(Json.text(raw, "type"))) {
      JsonNode audio = raw.path("input_audio");
      String data = Json.text(audio, "data");
      String format = Json.text(audio, "format");
      if (data == null || format == null) {
        throw new InvalidRequestException(path, "An input_audio part needs 'data' and 'format'.");
      }
      return inlineData("audio/" + format.toLowerCase(Locale.ROOT), data);
    }
    throw new InvalidRequestException(
        path, "Content part type '" + Json.text(raw, "type") + "' is not supported by Gemini.");
  }

  private static ObjectNode inlineData(String mimeType, String base64) {
    ObjectNode part = Json.object();
    part.putObject("inlineData").put("mimeType", mimeType).put("data", base64);
    return part;
  }

  private static String imageType(String url) {
    int query = url.indexOf('?');
    String path = (query < 0 ? url : url.substring(0, query)).toLowerCase(Locale.ROOT);
    if (path.endsWith(".png")) {
      return "image/png";
    }
    if (path.endsWith(".webp")) {
      return "image/webp";
    }
    if (path.endsWith(".gif")) {
      return "image/gif";
    }
    if (path.endsWith(".heic")) {
      return "image/heic";
    }
    if (path.endsWith(".heif")) {
      return "image/heif";
    }
    if (path.endsWith(".pdf")) {
      return "application/pdf";
    }
    return "image/jpeg";
  }
}
