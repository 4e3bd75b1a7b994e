package ai.hyperion.admin;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.UserRole;
import java.util.Objects;

/**
 * The person calling the admin API, resolved from their key. {@code keyPrefix} is the public prefix
 * of the key they called with (null when not known, e.g. in service tests); the audit trail records
 * it.
 */
public record Caller(String userId, String orgId, String teamId, UserRole role, String keyPrefix) {

  public Caller {
    Objects.requireNonNull(userId);
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(role);
  }

  public Caller(String userId, String orgId, String teamId, UserRole role) {
    this(userId, orgId, teamId, role, null);
  }

  public static Caller of(TenantContext tenant) {
    return new Caller(
        tenant.userId(), tenant.orgId(), tenant.teamId(), tenant.role(), tenant.keyPrefix());
  }
}
