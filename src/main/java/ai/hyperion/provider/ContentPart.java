package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** One part of a message's content. Parts a translator does not know travel as {@link Opaque}. */
public sealed interface ContentPart {

  /** Plain text; {@code cacheControl} is an Anthropic-style cache breakpoint, or null. */
  record Text(String text, JsonNode cacheControl) implements ContentPart {
    public Text(String text) {
      this(text, null);
    }
  }

  /**
   * An image, either by URL or inline. For inline data {@code url} is a {@code data:} URL, and
   * {@link #mediaType()} / {@link #base64Data()} split it. {@code detail} is OpenAI's hint, or
   * null.
   */
  record Image(String url, String detail) implements ContentPart {
    public boolean inline() {
      return url.startsWith("data:");
    }

    public String mediaType() {
      int semi = url.indexOf(';');
      return inline() && semi > 5 ? url.substring(5, semi) : null;
    }

    public String base64Data() {
      int comma = url.indexOf(',');
      return inline() && comma > 0 ? url.substring(comma + 1) : null;
    }
  }

  /** A document (PDF) given inline as base64, OpenAI's {@code file} part. */
  record File(String filename, String fileData) implements ContentPart {}

  /** A part kept verbatim in OpenAI form, for providers that speak OpenAI. */
  record Opaque(JsonNode raw) implements ContentPart {}
}
