package ai.hyperion.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** When a rule last fired for one subject (the org, a key and network, a budget threshold). */
@Entity
@Table(name = "alert_cooldowns")
public class AlertCooldown {

  @Id
  @Column(name = "id", length = 250)
  private String id;

  @Column(name = "last_fired_at", nullable = false)
  private LocalDateTime lastFiredAt;

  protected AlertCooldown() {}

  AlertCooldown(String id, Instant firedAt) {
    this.id = id;
    this.lastFiredAt = LocalDateTime.ofInstant(firedAt, ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }
}
