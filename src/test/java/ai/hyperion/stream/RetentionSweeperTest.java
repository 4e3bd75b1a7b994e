package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweeperTest {

  @TempDir Path dir;

  /**
   * Settings where {@code longOrg} keeps entries {@code longDays}, every other org {@code days}.
   */
  static StreamSettingsService settings(String longOrg, int longDays, int days) {
    return new StreamSettingsService() {
      @Override
      public PersistencePolicy policy(String orgId) {
        return new PersistencePolicy(
            PersistenceMode.ON_DISCONNECT, orgId.equals(longOrg) ? longDays : days);
      }
    };
  }

  @Test
  void entriesAreDeletedOncePastTheirOrganisationsRetentionAndNotBefore() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    ResponseStore store = new FileResponseStore(dir);
    store.put("org_short", "req_old", clock.instant(), "a".getBytes());
    store.put("org_long", "req_old", clock.instant(), "b".getBytes());
    clock.advance(Duration.ofDays(5));
    store.put("org_short", "req_new", clock.instant(), "c".getBytes());
    RetentionSweeper sweeper = new RetentionSweeper(store, settings("org_long", 30, 7), clock);

    assertEquals(0, sweeper.sweep(), "nothing is 7 days old yet");
    clock.advance(Duration.ofDays(2).plusSeconds(1));
    assertEquals(1, sweeper.sweep());
    assertTrue(store.get("org_short", "req_old").isEmpty());
    assertTrue(store.get("org_short", "req_new").isPresent());
    assertTrue(store.get("org_long", "req_old").isPresent(), "30 days for this organisation");

    clock.advance(Duration.ofDays(30));
    assertEquals(2, sweeper.sweep());
    assertTrue(
        store.orgs().stream()
            .allMatch(org -> store.deleteCreatedBefore(org, clock.instant()) == 0));
  }
}
