package ai.hyperion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdminPathTest {

  @Test
  void readsTheResourceAndVerbOfAdminPaths() {
    assertEquals(
        new AdminPath("org_1", "key", "key_2", "rotate"),
        AdminPath.parse("/admin/api/orgs/org_1/keys/key_2/rotate"));
    assertEquals(
        new AdminPath("org_1", "team", null, null), AdminPath.parse("admin/api/orgs/org_1/teams"));
    assertEquals(
        new AdminPath("org_1", "org", "org_1", null), AdminPath.parse("admin/api/orgs/org_1"));
    assertEquals(new AdminPath(null, "org", null, null), AdminPath.parse("/admin/api/orgs"));
    assertEquals(
        new AdminPath("o", "audit-event", null, "export"),
        AdminPath.parse("/admin/api/orgs/o/audit-events/export"));
    assertEquals(new AdminPath(null, "me", null, null), AdminPath.parse("/admin/api/me"));
  }

  @Test
  void actionsFollowTheMethodAndVerb() {
    assertEquals(AuditAction.ROTATE, AuditAction.of("POST", "rotate"));
    assertEquals(AuditAction.CREATE, AuditAction.of("POST", null));
    assertEquals(AuditAction.UPDATE, AuditAction.of("PATCH", null));
    assertEquals(AuditAction.DELETE, AuditAction.of("DELETE", null));
    assertEquals(AuditAction.READ, AuditAction.of("GET", "export"));
  }

  @Test
  void refusedMeansDeniedAnywhereOrAChangeTurnedDown() {
    assertTrue(AdminRefusalRecorder.refused("GET", 403));
    assertTrue(AdminRefusalRecorder.refused("GET", 401));
    assertTrue(AdminRefusalRecorder.refused("POST", 400));
    assertTrue(AdminRefusalRecorder.refused("DELETE", 409));
    assertFalse(AdminRefusalRecorder.refused("GET", 404));
    assertFalse(AdminRefusalRecorder.refused("POST", 201));
    assertFalse(AdminRefusalRecorder.refused("PATCH", 503));
  }
}
