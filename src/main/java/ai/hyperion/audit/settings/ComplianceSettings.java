package ai.hyperion.audit.settings;

import ai.hyperion.audit.pii.PiiMode;
import ai.hyperion.persistence.StringMapConverter;
import ai.hyperion.persistence.StringSetConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One organisation's compliance settings; an org without a row has the defaults. */
@Entity
@Table(name = "compliance_settings")
public class ComplianceSettings {

  @Id
  @Column(name = "org_id", length = 40)
  private String orgId;

  @Enumerated(EnumType.STRING)
  @Column(name = "pii_mode", nullable = false, length = 20)
  private PiiMode piiMode = PiiMode.LOG_ONLY;

  @Column(name = "restore_answers", nullable = false)
  private boolean restoreAnswers;

  @Convert(converter = StringSetConverter.class)
  @Column(name = "detectors", nullable = false, length = 1000)
  private Set<String> detectors = new TreeSet<>();

  @Convert(converter = StringMapConverter.class)
  @Column(name = "custom_patterns", nullable = false, length = 8000)
  private Map<String, String> customPatterns = new TreeMap<>();

  @Column(name = "log_bodies", nullable = false)
  private boolean logBodies;

  @Column(name = "request_log_retention_days")
  private Integer requestLogRetentionDays;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected ComplianceSettings() {}

  ComplianceSettings(String orgId, Set<String> detectors) {
    this.orgId = orgId;
    this.detectors = new TreeSet<>(detectors);
    touch();
  }

  void touch() {
    updatedAt = LocalDateTime.now(ZoneOffset.UTC);
  }

  public String orgId() {
    return orgId;
  }

  public PiiMode piiMode() {
    return piiMode;
  }

  void piiMode(PiiMode mode) {
    this.piiMode = mode;
  }

  public boolean restoreAnswers() {
    return restoreAnswers;
  }

  void restoreAnswers(boolean restore) {
    this.restoreAnswers = restore;
  }

  public Set<String> detectors() {
    return Set.copyOf(detectors);
  }

  void detectors(Set<String> names) {
    this.detectors = new TreeSet<>(names);
  }

  public Map<String, String> customPatterns() {
    return Map.copyOf(customPatterns);
  }

  void customPatterns(Map<String, String> patterns) {
    this.customPatterns = new TreeMap<>(patterns);
  }

  public boolean logBodies() {
    return logBodies;
  }

  void logBodies(boolean log) {
    this.logBodies = log;
  }

  public Integer requestLogRetentionDays() {
    return requestLogRetentionDays;
  }

  void requestLogRetentionDays(Integer days) {
    this.requestLogRetentionDays = days;
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant(ZoneOffset.UTC);
  }
}
