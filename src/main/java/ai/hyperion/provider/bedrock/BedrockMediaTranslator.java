package ai.hyperion.provider.bedrock;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Images and documents as Converse blocks. Bedrock takes the raw bytes, base64 in JSON ({@code
 * source.bytes}), and a format name instead of a media type; it never fetches URLs.
 */
final class BedrockMediaTranslator {

  private static final Map<String, String> IMAGE_FORMATS =
      Map.of(
          "image/png",
          "png",
          "image/jpeg",
          "jpeg",
          "image/jpg",
          "jpeg",
          "image/gif",
          "gif",
          "image/webp",
          "webp");
  private static final Map<String, String> DOCUMENT_FORMATS =
      Map.ofEntries(
          Map.entry("application/pdf", "pdf"),
          Map.entry("text/csv", "csv"),
          Map.entry("application/msword", "doc"),
          Map.entry(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
          Map.entry("application/vnd.ms-excel", "xls"),
          Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
          Map.entry("text/html", "html"),
          Map.entry("text/plain", "txt"),
          Map.entry("text/markdown", "md"));

  private BedrockMediaTranslator() {}

  static ObjectNode image(ContentPart.Image image, String path) {
    if (!image.inline()) {
      throw new InvalidRequestException(
          path + ".image_url.url",
          "Bedrock does not fetch image URLs: send the image inline as a base64 data URL"
              + " (data:image/png;base64,...).");
    }
    String mediaType =
        image.mediaType() == null ? null : image.mediaType().toLowerCase(Locale.ROOT);
    String format = mediaType == null ? null : IMAGE_FORMATS.get(mediaType);
    if (format == null || image.base64Data() == null || !image.url().contains(";base64,")) {
      throw new InvalidRequestException(
          path + ".image_url.url",
          "Bedrock accepts base64 PNG, JPEG, GIF or WebP images; got '" + mediaType + "'.");
    }
    ObjectNode inner = Json.object().put("format", format);
    inner.putObject("source").put("bytes", image.base64Data());
    ObjectNode block = Json.object();
    block.set("image", inner);
    return block;
  }

  /** A document without a usable filename is named after its position ({@code document-1}). */
  static ObjectNode document(ContentPart.File file, String path, int index) {
    String data = file.fileData();
    String format = "pdf";
    if (data.startsWith("data:")) {
      int semi = data.indexOf(';');
      int comma = data.indexOf(',');
      if (semi < 0 || comma < semi || !data.substring(semi, comma).contains("base64")) {
        throw new InvalidRequestException(
            path + ".file.file_data", "'file_data' must be base64 (a data URL or plain base64).");
      }
      String mediaType = data.substring(5, semi).toLowerCase(Locale.ROOT);
      format = DOCUMENT_FORMATS.get(mediaType);
      if (format == null) {
        throw new InvalidRequestException(
            path + ".file.file_data",
            "Bedrock does not accept documents of type '" + mediaType + "'.");
      }
      data = data.substring(comma + 1);
    }
    ObjectNode inner =
        Json.object().put("format", format).put("name", documentName(file.filename(), index));
    inner.putObject("source").put("bytes", data);
    ObjectNode block = Json.object();
    block.set("document", inner);
    return block;
  }

  /** Bedrock allows letters, digits, single spaces, hyphens, parentheses and square brackets. */
  static String documentName(String filename, int index) {
    String base = filename == null ? "" : filename.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
    String cleaned =
        base.replaceAll("[^A-Za-z0-9 \\-()\\[\\]]", "-").replaceAll("\\s+", " ").strip();
    return cleaned.isEmpty() ? "document-" + (index + 1) : cleaned;
  }
}
