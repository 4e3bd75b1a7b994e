package ai.hyperion.admin;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.UserRole;
import java.util.Objects;

/** The person calling the admin API, resolved from their key. */
public record Caller(String userId, String orgId, String teamId, UserRole role) {

  public Caller {
    Objects.requireNonNull(userId);
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(role);
  }

  public static Caller of(TenantContext tenant) {
    return new Caller(tenant.userId(), tenant.orgId(), tenant.teamId(), tenant.role());
  }
}
