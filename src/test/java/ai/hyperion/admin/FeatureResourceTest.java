package ai.hyperion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.admin.FeatureResource.FeatureView;
import ai.hyperion.admin.FeatureResource.Features;
import ai.hyperion.auth.UserRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureResourceTest {

  private static final List<AdminFeature> DEPLOYED =
      List.of(
          new AdminFeature("keys", Area.KEY),
          new AdminFeature("teams", Area.TEAM),
          new AdminFeature("orgs", Area.ORG),
          AdminFeature.readOnly("catalog"),
          new AdminFeature("audit", Area.AUDIT));

  private static Features as(UserRole role) {
    return FeatureResource.of(DEPLOYED, new Caller("usr_1", "org_1", "team_1", role));
  }

  private static List<String> ids(Features features) {
    return features.features().stream().map(FeatureView::id).toList();
  }

  @Test
  void eachRoleSeesOnlyTheAreasItMayReadWithItsReach() {
    assertEquals(List.of("audit", "catalog", "keys", "orgs", "teams"), ids(as(UserRole.ORG_ADMIN)));
    assertEquals(List.of("catalog", "keys"), ids(as(UserRole.MEMBER)));
    assertEquals(List.of("catalog", "keys", "orgs", "teams"), ids(as(UserRole.TEAM_ADMIN)));
    FeatureView keys = as(UserRole.TEAM_ADMIN).features().get(1);
    assertEquals(new FeatureView("keys", "KEY", Reach.OWN_TEAM, Reach.OWN_TEAM), keys);
    FeatureView auditorKeys = as(UserRole.AUDITOR).features().get(2);
    assertEquals(new FeatureView("keys", "KEY", Reach.OWN_ORG, Reach.NONE), auditorKeys);
    assertEquals(
        new FeatureView("catalog", null, Reach.ALL, Reach.NONE),
        as(UserRole.MEMBER).features().get(0));
  }

  @Test
  void theAccessMapAndGrantableRolesComeFromTheAccessPolicy() {
    Features platform = as(UserRole.PLATFORM_ADMIN);
    assertEquals(Reach.ALL, platform.access().get("PLATFORM").write());
    assertEquals(5, platform.grantableRoles().size());
    Features lead = as(UserRole.TEAM_ADMIN);
    assertEquals(Reach.NONE, lead.access().get("PLATFORM").read());
    assertEquals(Reach.OWN_TEAM, lead.access().get("USER").write());
    assertEquals(List.of("TEAM_ADMIN", "MEMBER"), lead.grantableRoles());
    assertEquals(List.of(), as(UserRole.AUDITOR).grantableRoles());
  }

  @Test
  void aFeatureNamedTwiceIsListedOnceAndIdsAreChecked() {
    Features features =
        FeatureResource.of(
            List.of(new AdminFeature("keys", Area.KEY), new AdminFeature("keys", Area.KEY)),
            new Caller("usr_1", "org_1", null, UserRole.ORG_ADMIN));
    assertEquals(List.of("keys"), ids(features));
    assertThrows(IllegalArgumentException.class, () -> new AdminFeature("Budgets!", Area.USAGE));
  }
}
