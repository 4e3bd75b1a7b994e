package ai.hyperion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.testing.Tenants;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tool allow-lists: a level without entries restricts nothing; the levels intersect. */
class ToolPermissionsTest {

  // org "acme", team "team", key "key-id"
  private final TenantContext tenant = Tenants.member("acme", "hk-abc", Set.of());

  @Test
  void withoutEntriesEveryToolIsAllowed() {
    assertEquals(Optional.empty(), ToolPermissions.refusal(List.of(), tenant, "github", "x"));
  }

  @Test
  void aKeyListAllowsOnlyWhatItNames() {
    List<ToolGrant> grants =
        List.of(
            new ToolGrant("key", "key-id", "github", "create_issue"),
            new ToolGrant("key", "other-key", "jira", "*"));
    assertTrue(ToolPermissions.refusal(grants, tenant, "github", "create_issue").isEmpty());
    Optional<String> refused = ToolPermissions.refusal(grants, tenant, "github", "delete_repo");
    assertTrue(refused.orElseThrow().contains("key allow-list"), refused.get());
    assertTrue(refused.get().contains("github__delete_repo"), refused.get());
    // Another key's entries do not restrict this one's other servers... but its own list does.
    assertTrue(ToolPermissions.refusal(grants, tenant, "jira", "search").isPresent());
  }

  @Test
  void theLevelsIntersect() {
    List<ToolGrant> grants =
        List.of(
            new ToolGrant("org", "acme", "github", "*"),
            new ToolGrant("team", "team", "github", "search"),
            new ToolGrant("team", "team", "jira", "*"));
    assertTrue(ToolPermissions.refusal(grants, tenant, "github", "search").isEmpty());
    assertTrue(
        ToolPermissions.refusal(grants, tenant, "jira", "search")
            .orElseThrow()
            .contains("org allow-list"));
    assertTrue(
        ToolPermissions.refusal(grants, tenant, "github", "create_issue")
            .orElseThrow()
            .contains("team allow-list"));
  }
}
