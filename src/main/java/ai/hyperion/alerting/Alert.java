package ai.hyperion.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** An alert that fired: what, when, how its delivery went, and who acknowledged it. */
@Entity
@Table(name = "alerts")
public class Alert {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "org_id", nullable = false, length = 40)
  private String orgId;

  @Column(name = "rule_id", length = 40)
  private String ruleId;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 20)
  private AlertKind kind;

  @Column(name = "subject", nullable = false, length = 200)
  private String subject;

  @Column(name = "summary", nullable = false, length = 500)
  private String summary;

  @Column(name = "details", nullable = false, length = 4000)
  private String details;

  @Column(name = "fired_at", nullable = false)
  private LocalDateTime firedAt;

  @Column(name = "email_status", length = 200)
  private String emailStatus;

  @Column(name = "webhook_status", length = 200)
  private String webhookStatus;

  @Column(name = "acknowledged_at")
  private LocalDateTime acknowledgedAt;

  @Column(name = "acknowledged_by", length = 40)
  private String acknowledgedBy;

  protected Alert() {}

  Alert(AlertRule rule, String subject, String summary, String details, Instant firedAt) {
    this.id = "alert_" + UUID.randomUUID().toString().replace("-", "");
    this.orgId = rule.orgId();
    this.ruleId = rule.id();
    this.kind = rule.kind();
    this.subject = subject.length() > 200 ? subject.substring(0, 200) : subject;
    this.summary = summary.length() > 500 ? summary.substring(0, 500) : summary;
    this.details = details;
    this.firedAt = LocalDateTime.ofInstant(firedAt, ZoneOffset.UTC);
  }

  void delivered(String email, String webhook) {
    this.emailStatus = email;
    this.webhookStatus = webhook;
  }

  void acknowledge(String userId, Instant at) {
    if (acknowledgedAt == null) {
      acknowledgedAt = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
      acknowledgedBy = userId;
    }
  }

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String ruleId() {
    return ruleId;
  }

  public AlertKind kind() {
    return kind;
  }

  public String subject() {
    return subject;
  }

  public String summary() {
    return summary;
  }

  public String details() {
    return details;
  }

  public Instant firedAt() {
    return firedAt.toInstant(ZoneOffset.UTC);
  }

  public String emailStatus() {
    return emailStatus;
  }

  public String webhookStatus() {
    return webhookStatus;
  }

  public Instant acknowledgedAt() {
    return acknowledgedAt == null ? null : acknowledgedAt.toInstant(ZoneOffset.UTC);
  }

  public String acknowledgedBy() {
    return acknowledgedBy;
  }
}
