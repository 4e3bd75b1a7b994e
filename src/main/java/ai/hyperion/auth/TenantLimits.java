package ai.hyperion.auth;

import java.util.Objects;

/** The limits of every level a request counts against; the policy stage enforces each. */
public record TenantLimits(Limits key, Limits user, Limits team, Limits org) {

  public static final TenantLimits NONE =
      new TenantLimits(Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE);

  public TenantLimits {
    Objects.requireNonNull(key);
    Objects.requireNonNull(user);
    Objects.requireNonNull(team);
    Objects.requireNonNull(org);
  }
}
