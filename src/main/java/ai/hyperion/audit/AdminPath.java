package ai.hyperion.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an admin API path names, read from its segments ({@code orgs/{id}/keys/{id}/rotate}):
 * collections alternate with ids; a trailing verb names an action on the resource before it.
 */
public record AdminPath(String orgId, String resourceType, String resourceId, String verb) {

  private static final Set<String> VERBS =
      Set.of("rotate", "revoke", "acknowledge", "verify", "export");

  /** {@code path} relative to the application root, with or without a leading slash. */
  public static AdminPath parse(String path) {
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int start = 0;
    if (segments.size() >= 2 && segments.get(0).equals("admin") && segments.get(1).equals("api")) {
      start = 2;
    }
    List<String> parts = segments.subList(start, segments.size());
    String verb = null;
    if (parts.size() >= 2 && VERBS.contains(parts.get(parts.size() - 1))) {
      verb = parts.get(parts.size() - 1);
      parts = parts.subList(0, parts.size() - 1);
    }
    if (parts.isEmpty()) {
      return new AdminPath(null, "admin", null, verb);
    }
    String orgId = parts.size() >= 2 && parts.get(0).equals("orgs") ? parts.get(1) : null;
    boolean endsWithId = parts.size() % 2 == 0;
    String collection = parts.get(endsWithId ? parts.size() - 2 : parts.size() - 1);
    String id = endsWithId ? parts.get(parts.size() - 1) : null;
    return new AdminPath(orgId, singular(collection), id, verb);
  }

  private static String singular(String collection) {
    String name = collection.toLowerCase(Locale.ROOT);
    return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }
}
