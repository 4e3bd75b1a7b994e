package ai.hyperion.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Id, timestamps and optimistic version shared by the tenancy tables. Times are stored as UTC
 * {@code LocalDateTime} (the JPA provider serialises {@code Instant} into a blob).
 */
@MappedSuperclass
public abstract class TenancyEntity {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected TenancyEntity() {}

  protected TenancyEntity(String idPrefix) {
    this.id = idPrefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** For rows whose id is fixed (the bootstrap organisation, team and admin). */
  protected void assignId(String fixedId) {
    this.id = fixedId;
  }

  @PrePersist
  void beforeInsert() {
    createdAt = nowUtc();
    updatedAt = createdAt;
  }

  @PreUpdate
  void beforeUpdate() {
    updatedAt = nowUtc();
  }

  public String id() {
    return id;
  }

  public long version() {
    return version;
  }

  public Instant createdAt() {
    return toInstant(createdAt);
  }

  public Instant updatedAt() {
    return toInstant(updatedAt);
  }

  static LocalDateTime nowUtc() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }

  static LocalDateTime toUtc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant toInstant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
