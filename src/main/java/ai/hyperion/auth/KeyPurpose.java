package ai.hyperion.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a key may be used for. An application key calls models (data plane) and cannot manage
 * anything; an admin key opens {@code /admin/api}. A key holds one or both, always explicitly.
 */
public enum KeyPurpose {
  DATA_PLANE("data-plane"),
  ADMIN("admin");

  /** What a key created through the admin API gets when it asks for nothing. */
  public static final Set<KeyPurpose> DEFAULT = Set.of(DATA_PLANE);

  public static final Set<KeyPurpose> BOTH = Set.of(DATA_PLANE, ADMIN);

  private final String wireName;

  KeyPurpose(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** {@code data-plane} or {@code admin} (case-insensitive; {@code _} for {@code -} accepted). */
  public static Optional<KeyPurpose> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normal = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (KeyPurpose purpose : values()) {
      if (purpose.wireName.equals(normal)) {
        return Optional.of(purpose);
      }
    }
    return Optional.empty();
  }

  public static EnumSet<KeyPurpose> of(boolean dataPlane, boolean admin) {
    EnumSet<KeyPurpose> purposes = EnumSet.noneOf(KeyPurpose.class);
    if (dataPlane) {
      purposes.add(DATA_PLANE);
    }
    if (admin) {
      purposes.add(ADMIN);
    }
    return purposes;
  }
}
