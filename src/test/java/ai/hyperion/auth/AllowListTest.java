package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowListTest {

  @Test
  void anEmptyStoredListMeansNoRestriction() {
    AllowList list = AllowList.of(List.of());
    assertFalse(list.restricted());
    assertTrue(list.permits("anything"));
  }

  @Test
  void intersectionKeepsOnlyNamesEveryLevelAllows() {
    AllowList key = AllowList.of(Set.of("gpt-4o", "gpt-4o-mini"));
    AllowList team = AllowList.of(Set.of("gpt-4o-mini", "claude-haiku-4-5"));
    AllowList org = AllowList.unrestricted();
    AllowList effective = key.intersect(team).intersect(org);
    assertEquals(Set.of("gpt-4o-mini"), effective.names());
    assertTrue(effective.permits("gpt-4o-mini"));
    assertFalse(effective.permits("gpt-4o"));
    assertFalse(effective.permits("claude-haiku-4-5"));
  }

  @Test
  void disjointListsPermitNothingRatherThanEverything() {
    AllowList effective =
        AllowList.of(Set.of("gpt-4o")).intersect(AllowList.of(Set.of("claude-haiku-4-5")));
    assertTrue(effective.restricted());
    assertTrue(effective.names().isEmpty());
    assertFalse(effective.permits("gpt-4o"));
    assertFalse(effective.permits("claude-haiku-4-5"));
  }

  @Test
  void tenantContextDelegatesToItsLists() {
    TenantContext tenant =
        new TenantContext(
            "org",
            "team",
            "user",
            "key",
            "prefix",
            AllowList.of(Set.of("gpt-4o")),
            AllowList.of(Set.of("openai")),
            true,
            false,
            Map.of(),
            Set.of(),
            TenantLimits.NONE,
            UserRole.MEMBER);
    assertTrue(tenant.mayUse("gpt-4o"));
    assertFalse(tenant.mayUse("gpt-4o-mini"));
    assertTrue(tenant.mayUseProvider("openai"));
    assertFalse(tenant.mayUseProvider("anthropic"));
    assertEquals(Set.of("gpt-4o"), tenant.models().names());
    assertTrue(tenant.mayUse("gpt-4o-latest", "gpt-4o", "openai"), "an alias of an allowed model");
    assertFalse(
        tenant.mayUse("gpt-4o", "gpt-4o", "anthropic"),
        "an allowed model name on a forbidden provider");
  }
}
