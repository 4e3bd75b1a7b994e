package ai.hyperion.cache;

import java.util.Locale;

/**
 * The request's {@code Cache-Control}: {@code no-store} (neither read nor written), {@code
 * no-cache} (not read, written), {@code max-age=N} (only entries at most N seconds old are served).
 * Unknown directives are ignored, as HTTP caches do.
 */
public record CacheDirectives(boolean noStore, boolean noCache, Long maxAgeSeconds) {

  public static final CacheDirectives NONE = new CacheDirectives(false, false, null);

  public static CacheDirectives parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    boolean noStore = false;
    boolean noCache = false;
    Long maxAge = null;
    for (String raw : header.split(",")) {
      String directive = raw.trim().toLowerCase(Locale.ROOT);
      if (directive.equals("no-store")) {
        noStore = true;
      } else if (directive.equals("no-cache") || directive.startsWith("no-cache=")) {
        noCache = true;
      } else if (directive.startsWith("max-age=")) {
        try {
          long seconds = Long.parseLong(directive.substring(8).replace("\"", "").trim());
          maxAge = seconds < 0 ? 0L : seconds;
        } catch (NumberFormatException e) {
          // RFC 9111: an invalid max-age is treated as stale, i.e. not served from cache.
          maxAge = 0L;
        }
      }
    }
    return new CacheDirectives(noStore, noCache, maxAge);
  }
}
