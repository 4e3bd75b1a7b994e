package ai.hyperion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.UserRole;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static final Scope OWN_KEY = new Scope("org-a", "team-1", "me");
  private static final Scope TEAMMATE_KEY = new Scope("org-a", "team-1", "teammate");
  private static final Scope OTHER_TEAM_KEY = new Scope("org-a", "team-2", "someone");
  private static final Scope OTHER_ORG_KEY = new Scope("org-b", "team-9", "stranger");

  private static Caller caller(UserRole role) {
    return new Caller("me", "org-a", "team-1", role);
  }

  private static String row(UserRole role, Area area, Access access) {
    Caller c = caller(role);
    return (AccessPolicy.permits(c, area, access, OWN_KEY) ? "S" : "-")
        + (AccessPolicy.permits(c, area, access, TEAMMATE_KEY) ? "T" : "-")
        + (AccessPolicy.permits(c, area, access, OTHER_TEAM_KEY) ? "O" : "-")
        + (AccessPolicy.permits(c, area, access, OTHER_ORG_KEY) ? "X" : "-");
  }

  @Test
  void endpointAccessPerRole() {
    // Dedicated endpoints cost GPU-hours: admins provision, everyone in the team can see them.
    assertEquals("STOX", row(UserRole.PLATFORM_ADMIN, Area.ENDPOINT, Access.WRITE));
    assertEquals("STO-", row(UserRole.ORG_ADMIN, Area.ENDPOINT, Access.WRITE));
    assertEquals("ST--", row(UserRole.TEAM_ADMIN, Area.ENDPOINT, Access.WRITE));
    assertEquals("STO-", row(UserRole.AUDITOR, Area.ENDPOINT, Access.READ));
    assertEquals("----", row(UserRole.AUDITOR, Area.ENDPOINT, Access.WRITE));
    assertEquals("ST--", row(UserRole.MEMBER, Area.ENDPOINT, Access.READ));
    assertEquals("----", row(UserRole.MEMBER, Area.ENDPOINT, Access.WRITE));
  }

  @Test
  void keyAccessPerRole() {
    // S = own key, T = teammate's, O = other team in the org, X = other org
    assertEquals("STOX", row(UserRole.PLATFORM_ADMIN, Area.KEY, Access.WRITE));
    assertEquals("STO-", row(UserRole.ORG_ADMIN, Area.KEY, Access.WRITE));
    assertEquals("ST--", row(UserRole.TEAM_ADMIN, Area.KEY, Access.WRITE));
    assertEquals("ST--", row(UserRole.TEAM_ADMIN, Area.KEY, Access.READ));
    assertEquals("STO-", row(UserRole.AUDITOR, Area.KEY, Access.READ));
    assertEquals("----", row(UserRole.AUDITOR, Area.KEY, Access.WRITE));
    assertEquals("S---", row(UserRole.MEMBER, Area.KEY, Access.WRITE));
    assertEquals("S---", row(UserRole.MEMBER, Area.KEY, Access.READ));
  }

  @Test
  void userAndTeamAccessPerRole() {
    assertEquals("STO-", row(UserRole.ORG_ADMIN, Area.USER, Access.WRITE));
    assertEquals("ST--", row(UserRole.TEAM_ADMIN, Area.USER, Access.WRITE));
    assertEquals("STO-", row(UserRole.AUDITOR, Area.USER, Access.READ));
    assertEquals("----", row(UserRole.AUDITOR, Area.USER, Access.WRITE));
    assertEquals("S---", row(UserRole.MEMBER, Area.USER, Access.READ));
    assertEquals("----", row(UserRole.MEMBER, Area.USER, Access.WRITE));
    assertEquals("----", row(UserRole.TEAM_ADMIN, Area.TEAM, Access.WRITE));
    assertEquals("ST--", row(UserRole.TEAM_ADMIN, Area.TEAM, Access.READ));
    assertEquals("----", row(UserRole.MEMBER, Area.TEAM, Access.READ));
  }

  @Test
  void onlyPlatformAdminsCreateOrDeleteOrganisations() {
    for (UserRole role : UserRole.values()) {
      boolean allowed =
          AccessPolicy.permits(caller(role), Area.PLATFORM, Access.WRITE, Scope.org("org-a"));
      assertEquals(role == UserRole.PLATFORM_ADMIN, allowed, role.name());
    }
  }

  @Test
  void auditAndUsageAreReadOnlyAndScoped() {
    for (UserRole role : UserRole.values()) {
      assertEquals(
          role == UserRole.PLATFORM_ADMIN,
          AccessPolicy.permits(caller(role), Area.AUDIT, Access.WRITE, Scope.org("org-a")),
          role.name());
    }
    assertTrue(
        AccessPolicy.permits(
            caller(UserRole.AUDITOR), Area.AUDIT, Access.READ, Scope.org("org-a")));
    assertFalse(
        AccessPolicy.permits(
            caller(UserRole.AUDITOR), Area.AUDIT, Access.READ, Scope.org("org-b")));
    assertFalse(
        AccessPolicy.permits(
            caller(UserRole.TEAM_ADMIN), Area.AUDIT, Access.READ, Scope.org("org-a")));
    assertFalse(
        AccessPolicy.permits(caller(UserRole.MEMBER), Area.AUDIT, Access.READ, Scope.org("org-a")));
    assertEquals("S---", row(UserRole.MEMBER, Area.USAGE, Access.READ));
  }

  @Test
  void budgetsAreWrittenOnlyByOrgAndPlatformAdmins() {
    assertEquals("STOX", row(UserRole.PLATFORM_ADMIN, Area.BUDGET, Access.WRITE));
    assertEquals("STO-", row(UserRole.ORG_ADMIN, Area.BUDGET, Access.WRITE));
    assertEquals("----", row(UserRole.TEAM_ADMIN, Area.BUDGET, Access.WRITE));
    assertEquals("ST--", row(UserRole.TEAM_ADMIN, Area.BUDGET, Access.READ));
    assertEquals("STO-", row(UserRole.AUDITOR, Area.BUDGET, Access.READ));
    assertEquals("----", row(UserRole.AUDITOR, Area.BUDGET, Access.WRITE));
    assertEquals("S---", row(UserRole.MEMBER, Area.BUDGET, Access.READ));
    assertEquals("----", row(UserRole.MEMBER, Area.BUDGET, Access.WRITE));
  }

  @Test
  void aTeamAdminWithoutATeamReachesNoTeam() {
    Caller teamless = new Caller("me", "org-a", null, UserRole.TEAM_ADMIN);
    assertFalse(
        AccessPolicy.permits(
            teamless, Area.KEY, Access.WRITE, new Scope("org-a", null, "someone")));
  }

  @Test
  void rolesCanOnlyBeGrantedDownwards() {
    assertTrue(AccessPolicy.mayGrant(UserRole.PLATFORM_ADMIN, UserRole.PLATFORM_ADMIN));
    assertFalse(AccessPolicy.mayGrant(UserRole.ORG_ADMIN, UserRole.PLATFORM_ADMIN));
    assertTrue(AccessPolicy.mayGrant(UserRole.ORG_ADMIN, UserRole.AUDITOR));
    assertFalse(AccessPolicy.mayGrant(UserRole.TEAM_ADMIN, UserRole.ORG_ADMIN));
    assertFalse(AccessPolicy.mayGrant(UserRole.TEAM_ADMIN, UserRole.AUDITOR));
    assertTrue(AccessPolicy.mayGrant(UserRole.TEAM_ADMIN, UserRole.MEMBER));
    assertFalse(AccessPolicy.mayGrant(UserRole.AUDITOR, UserRole.MEMBER));
    assertFalse(AccessPolicy.mayGrant(UserRole.MEMBER, UserRole.MEMBER));
  }

  @Test
  void requireThrowsA403NamingRoleAndArea() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () -> AccessPolicy.require(caller(UserRole.AUDITOR), Area.KEY, Access.WRITE, OWN_KEY));
    assertEquals(403, e.status());
    assertEquals("The role AUDITOR may not write key data here.", e.getMessage());
  }
}
