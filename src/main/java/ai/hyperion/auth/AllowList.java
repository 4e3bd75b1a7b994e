package ai.hyperion.auth;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of allowed names (models or providers). An unrestricted list permits everything; a
 * restricted one permits only its names, and may be empty when the key, team and org lists have
 * nothing in common (which must not read as "everything").
 */
public record AllowList(boolean restricted, Set<String> names) {

  private static final AllowList UNRESTRICTED = new AllowList(false, Set.of());

  public AllowList {
    names = Set.copyOf(names);
    if (!restricted && !names.isEmpty()) {
      throw new IllegalArgumentException("An unrestricted allow-list has no names");
    }
  }

  public static AllowList unrestricted() {
    return UNRESTRICTED;
  }

  /** The stored form: an empty or absent collection means "no restriction at this level". */
  public static AllowList of(Collection<String> names) {
    return names == null || names.isEmpty() ? UNRESTRICTED : new AllowList(true, Set.copyOf(names));
  }

  public boolean permits(String name) {
    return !restricted || names.contains(name);
  }

  /** What both lists permit. */
  public AllowList intersect(AllowList other) {
    if (!other.restricted) {
      return this;
    }
    if (!restricted) {
      return other;
    }
    Set<String> common = new HashSet<>(names);
    common.retainAll(other.names);
    return new AllowList(true, common);
  }
}
