package ai.hyperion.stream;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** An organisation's stored persistence settings (absent: the deployment's defaults). */
@Entity
@Table(name = "stream_settings")
public class StreamSettings {

  @Id
  @Column(name = "org_id", length = 40)
  private String orgId;

  @Enumerated(EnumType.STRING)
  @Column(name = "persistence", nullable = false, length = 20)
  private PersistenceMode persistence;

  @Column(name = "retention_days", nullable = false)
  private int retentionDays;

  /** UTC: the JPA provider here serialises {@code Instant} into a blob. */
  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected StreamSettings() {}

  StreamSettings(String orgId, PersistencePolicy policy) {
    this.orgId = orgId;
    apply(policy);
  }

  void apply(PersistencePolicy policy) {
    persistence = policy.mode();
    retentionDays = policy.retentionDays();
  }

  @PrePersist
  @PreUpdate
  void touch() {
    updatedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public PersistencePolicy policy() {
    return new PersistencePolicy(persistence, retentionDays);
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant(ZoneOffset.UTC);
  }
}
