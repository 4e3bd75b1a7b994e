package ai.hyperion.alerting;

import ai.hyperion.persistence.StringSetConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One organisation's alert rule: what to watch, its thresholds, its cooldown, and where to send
 * alerts. The webhook secret is stored to sign deliveries and never shown again.
 */
@Entity
@Table(name = "alert_rules")
public class AlertRule {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 20, updatable = false)
  private AlertKind kind;

  @Column(name = "multiplier")
  private Double multiplier;

  @Column(name = "amount_usd")
  private Double amountUsd;

  @Column(name = "error_rate")
  private Double errorRate;

  @Column(name = "min_requests")
  private Integer minRequests;

  @Column(name = "window_minutes", nullable = false)
  private int windowMinutes;

  @Column(name = "baseline_hours", nullable = false)
  private int baselineHours;

  @Column(name = "cooldown_minutes", nullable = false)
  private int cooldownMinutes;

  @Convert(converter = StringSetConverter.class)
  @Column(name = "emails", nullable = false, length = 4000)
  private Set<String> emails = new TreeSet<>();

  @Column(name = "webhook_url", length = 2000)
  private String webhookUrl;

  @Column(name = "webhook_secret", length = 200)
  private String webhookSecret;

  @Column(name = "enabled", nullable = false)
  private boolean enabled = true;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected AlertRule() {}

  AlertRule(String orgId, AlertKind kind) {
    this.id = "arule_" + UUID.randomUUID().toString().replace("-", "");
    this.orgId = orgId;
    this.kind = kind;
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

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String name() {
    return name;
  }

  void name(String name) {
    this.name = name;
  }

  public AlertKind kind() {
    return kind;
  }

  public Double multiplier() {
    return multiplier;
  }

  void multiplier(Double multiplier) {
    this.multiplier = multiplier;
  }

  public Double amountUsd() {
    return amountUsd;
  }

  void amountUsd(Double amountUsd) {
    this.amountUsd = amountUsd;
  }

  public Double errorRate() {
    return errorRate;
  }

  void errorRate(Double errorRate) {
    this.errorRate = errorRate;
  }

  public Integer minRequests() {
    return minRequests;
  }

  void minRequests(Integer minRequests) {
    this.minRequests = minRequests;
  }

  public int windowMinutes() {
    return windowMinutes;
  }

  void windowMinutes(int minutes) {
    this.windowMinutes = minutes;
  }

  public int baselineHours() {
    return baselineHours;
  }

  void baselineHours(int hours) {
    this.baselineHours = hours;
  }

  public int cooldownMinutes() {
    return cooldownMinutes;
  }

  void cooldownMinutes(int minutes) {
    this.cooldownMinutes = minutes;
  }

  public Set<String> emails() {
    return Set.copyOf(emails);
  }

  void emails(Set<String> emails) {
    this.emails = new TreeSet<>(emails);
  }

  public String webhookUrl() {
    return webhookUrl;
  }

  void webhookUrl(String url) {
    this.webhookUrl = url;
  }

  String webhookSecret() {
    return webhookSecret;
  }

  void webhookSecret(String secret) {
    this.webhookSecret = secret;
  }

  public boolean enabled() {
    return enabled;
  }

  void enabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Instant createdAt() {
    return createdAt == null ? null : createdAt.toInstant(ZoneOffset.UTC);
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant(ZoneOffset.UTC);
  }
}
