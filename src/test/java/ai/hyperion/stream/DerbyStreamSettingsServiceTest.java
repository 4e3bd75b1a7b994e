package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.stream.StreamSettingsViews.SettingsRequest;
import ai.hyperion.stream.StreamSettingsViews.SettingsView;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Persistence settings per organisation on embedded Derby (migration V61). */
class DerbyStreamSettingsServiceTest {

  private TestDatabase db;
  private StreamSettingsService service;
  private String org;

  @BeforeEach
  void setUp() {
    db = TestDatabase.derby();
    service = new StreamSettingsService(db, StreamStoreOptions.defaults());
    org =
        db.inTransaction(
            em -> {
              Organization o = new Organization("acme-" + UUID.randomUUID());
              em.persist(o);
              return o.id();
            });
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Caller admin() {
    return new Caller("user-admin", org, null, UserRole.ORG_ADMIN);
  }

  @Test
  void settingsStartAtTheDefaultsAndChangeFieldByField() {
    SettingsView defaults = service.get(admin(), org);
    assertEquals("on-disconnect", defaults.persistence());
    assertEquals(7, defaults.retentionDays());
    assertEquals("file", defaults.store());
    assertNull(defaults.updatedAt());

    SettingsView changed = service.update(admin(), org, new SettingsRequest("always", null));
    assertEquals("always", changed.persistence());
    assertEquals(7, changed.retentionDays(), "unchanged fields stay");
    assertNotNull(changed.updatedAt());
    service.update(admin(), org, new SettingsRequest(null, 30));
    assertEquals(new PersistencePolicy(PersistenceMode.ALWAYS, 30), service.policy(org));
  }

  @Test
  void invalidSettingsNameEveryBadFieldAndOtherOrganisationsAreRefused() {
    AdminApiException bad =
        assertThrows(
            AdminApiException.class,
            () -> service.update(admin(), org, new SettingsRequest("sometimes", 0)));
    assertEquals(400, bad.status());
    Caller stranger = new Caller("user-x", "another-org", null, UserRole.ORG_ADMIN);
    assertThrows(RuntimeException.class, () -> service.get(stranger, org));
    assertEquals(PersistenceMode.ON_DISCONNECT, service.policy(org).mode());
  }
}
