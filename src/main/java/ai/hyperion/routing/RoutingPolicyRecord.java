package ai.hyperion.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * An organisation's stored routing policy (V50__routing.sql): default fallbacks, A/B splits and
 * shadow settings as JSON text, read and written by {@link RoutingPolicyService}.
 */
@Entity
@Table(name = "routing_policies")
public class RoutingPolicyRecord {

  @Id
  @Column(name = "org_id", length = 40)
  private String orgId;

  @Column(name = "default_fallbacks", nullable = false, length = 4000)
  private String defaultFallbacks = "[]";

  @Column(name = "ab_splits", nullable = false, length = 8000)
  private String abSplits = "[]";

  @Column(name = "shadow", length = 2000)
  private String shadow;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected RoutingPolicyRecord() {}

  public RoutingPolicyRecord(String orgId) {
    this.orgId = orgId;
  }

  @PrePersist
  void beforeInsert() {
    createdAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    updatedAt = createdAt;
  }

  @PreUpdate
  void beforeUpdate() {
    updatedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public String orgId() {
    return orgId;
  }

  public String defaultFallbacks() {
    return defaultFallbacks;
  }

  public String abSplits() {
    return abSplits;
  }

  public String shadow() {
    return shadow;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }

  void set(String defaultFallbacks, String abSplits, String shadow) {
    this.defaultFallbacks = defaultFallbacks;
    this.abSplits = abSplits;
    this.shadow = shadow;
  }
}
