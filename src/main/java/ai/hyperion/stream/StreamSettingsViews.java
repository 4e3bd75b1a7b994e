package ai.hyperion.stream;

import java.time.Instant;

/** The transfer records of the persistence settings' admin API. */
public final class StreamSettingsViews {

  private StreamSettingsViews() {}

  /** A partial change: absent fields keep their value. */
  public record SettingsRequest(String persistence, Integer retentionDays) {}

  public record SettingsView(
      String orgId, String persistence, int retentionDays, String store, String updatedAt) {

    static SettingsView of(String orgId, PersistencePolicy p, String store, Instant updatedAt) {
      return new SettingsView(
          orgId,
          p.mode().wire(),
          p.retentionDays(),
          store,
          updatedAt == null ? null : updatedAt.toString());
    }
  }
}
