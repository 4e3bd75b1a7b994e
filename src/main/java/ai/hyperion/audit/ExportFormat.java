package ai.hyperion.audit;

import ai.hyperion.admin.AdminApiException;
import java.util.Locale;

/** How search results are exported: CSV (RFC 4180, with a header row) or JSON Lines. */
public enum ExportFormat {
  CSV("text/csv; charset=UTF-8", "csv"),
  JSONL("application/x-ndjson", "jsonl");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** From the {@code format} query parameter; JSON Lines when absent. */
  public static ExportFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return JSONL;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "csv" -> CSV;
      case "jsonl", "ndjson", "json-lines" -> JSONL;
      default -> throw AdminApiException.invalid("format", "must be csv or jsonl");
    };
  }
}
