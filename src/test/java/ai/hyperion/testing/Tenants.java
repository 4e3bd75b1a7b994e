package ai.hyperion.testing;

import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.auth.UserRole;
import java.util.Map;
import java.util.Set;

/** Tenants for tests: a member of org/team with a model allow-list (empty = unrestricted). */
public final class Tenants {

  private Tenants() {}

  public static TenantContext member(String orgId, String keyPrefix, Set<String> models) {
    return new TenantContext(
        orgId,
        "team",
        "user",
        "key-id",
        keyPrefix,
        AllowList.of(models),
        AllowList.unrestricted(),
        true,
        false,
        Map.of(),
        Set.of(),
        TenantLimits.NONE,
        UserRole.MEMBER);
  }
}
