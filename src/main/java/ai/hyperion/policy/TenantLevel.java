package ai.hyperion.policy;

import java.util.Locale;

/** A tenancy level a request counts against; limits and budgets are checked at each. */
public enum TenantLevel {
  KEY("key"),
  USER("user"),
  TEAM("team"),
  ORG("organisation");

  private final String label;

  TenantLevel(String label) {
    this.label = label;
  }

  /** How messages name the level ("key", "organisation"). */
  public String label() {
    return label;
  }

  /** Parses "key", "user", "team", "org" or "organisation", in any case. */
  public static TenantLevel parse(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "key" -> KEY;
      case "user" -> USER;
      case "team" -> TEAM;
      case "org", "organisation", "organization" -> ORG;
      default -> throw new IllegalArgumentException("unknown level '" + name + "'");
    };
  }
}
