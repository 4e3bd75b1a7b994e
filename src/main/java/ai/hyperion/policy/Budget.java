package ai.hyperion.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A money budget of one organisation: an amount in USD per calendar period (or in total), in UTC or
 * a time zone of the org's choosing, with an optional soft-threshold alert and an optional hard
 * cutoff. It applies to the subject it is attached to ({@code subjectLevel}/{@code subjectId}), and
 * to every key, user, team or org whose {@code budgetRef} names its id. Times are UTC {@code
 * LocalDateTime} (the JPA provider serialises {@code Instant} into a blob).
 */
@Entity
@Table(name = "budgets")
public class Budget {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "amount_usd", nullable = false, precision = 19, scale = 6)
  private BigDecimal amountUsd;

  @Column(name = "period", nullable = false, length = 10)
  private String period;

  @Column(name = "time_zone", nullable = false, length = 64)
  private String timeZone;

  @Column(name = "soft_threshold_pct")
  private Integer softThresholdPercent;

  @Column(name = "hard_cutoff", nullable = false)
  private boolean hardCutoff;

  @Column(name = "subject_type", length = 10)
  private String subjectType;

  @Column(name = "subject_id", length = 40)
  private String subjectId;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Budget() {}

  public Budget(String orgId, String name) {
    this.id = "bud_" + UUID.randomUUID().toString().replace("-", "");
    this.orgId = orgId;
    this.name = name;
    this.period = BudgetPeriod.MONTH.name();
    this.timeZone = "UTC";
    this.hardCutoff = true;
    this.amountUsd = BigDecimal.ZERO;
  }

  @PrePersist
  void beforeInsert() {
    createdAt = LocalDateTime.now(ZoneOffset.UTC);
    updatedAt = createdAt;
  }

  @PreUpdate
  void beforeUpdate() {
    updatedAt = LocalDateTime.now(ZoneOffset.UTC);
  }

  /** The hot-path copy the policy stage applies. */
  public BudgetRule toRule() {
    return new BudgetRule(
        id,
        orgId,
        name,
        Money.nanos(amountUsd),
        period(),
        zone(),
        softThresholdPercent,
        hardCutoff,
        subjectLevel(),
        subjectId);
  }

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String name() {
    return name;
  }

  public void name(String name) {
    this.name = name;
  }

  public BigDecimal amountUsd() {
    return amountUsd;
  }

  public void amountUsd(BigDecimal amount) {
    this.amountUsd = amount;
  }

  public BudgetPeriod period() {
    return BudgetPeriod.valueOf(period);
  }

  public void period(BudgetPeriod period) {
    this.period = period.name();
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public void zone(ZoneId zone) {
    this.timeZone = zone.getId();
  }

  public Integer softThresholdPercent() {
    return softThresholdPercent;
  }

  public void softThresholdPercent(Integer percent) {
    this.softThresholdPercent = percent;
  }

  public boolean hardCutoff() {
    return hardCutoff;
  }

  public void hardCutoff(boolean hardCutoff) {
    this.hardCutoff = hardCutoff;
  }

  public TenantLevel subjectLevel() {
    return subjectType == null ? null : TenantLevel.valueOf(subjectType);
  }

  public String subjectId() {
    return subjectId;
  }

  public void subject(TenantLevel level, String id) {
    this.subjectType = level == null ? null : level.name();
    this.subjectId = level == null ? null : id;
  }

  public long version() {
    return version;
  }

  public Instant createdAt() {
    return createdAt == null ? null : createdAt.toInstant(ZoneOffset.UTC);
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant(ZoneOffset.UTC);
  }
}
