package ai.hyperion.cache;

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

/** An organisation's stored cache settings (absent: {@link CacheOptions#defaultPolicy()}). */
@Entity
@Table(name = "cache_settings")
public class CacheSettings {

  @Id
  @Column(name = "org_id", length = 40)
  private String orgId;

  @Column(name = "exact_enabled", nullable = false)
  private boolean exactEnabled;

  @Column(name = "semantic_enabled", nullable = false)
  private boolean semanticEnabled;

  @Enumerated(EnumType.STRING)
  @Column(name = "scope", nullable = false, length = 10)
  private CacheScope scope;

  @Column(name = "ttl_seconds", nullable = false)
  private int ttlSeconds;

  @Column(name = "similarity_threshold", nullable = false)
  private double similarityThreshold;

  @Column(name = "max_entries", nullable = false)
  private int maxEntries;

  @Column(name = "cache_tool_calls", nullable = false)
  private boolean cacheToolCalls;

  /** UTC: the JPA provider here serialises {@code Instant} into a blob. */
  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected CacheSettings() {}

  CacheSettings(String orgId, CachePolicy policy) {
    this.orgId = orgId;
    apply(policy);
  }

  void apply(CachePolicy policy) {
    exactEnabled = policy.exactEnabled();
    semanticEnabled = policy.semanticEnabled();
    scope = policy.scope();
    ttlSeconds = policy.ttlSeconds();
    similarityThreshold = policy.similarityThreshold();
    maxEntries = policy.maxEntries();
    cacheToolCalls = policy.cacheToolCalls();
  }

  @PrePersist
  @PreUpdate
  void touch() {
    // Milliseconds: what every database stores (PostgreSQL keeps microseconds, Derby nanos).
    updatedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public String orgId() {
    return orgId;
  }

  public CachePolicy policy() {
    return new CachePolicy(
        exactEnabled,
        semanticEnabled,
        scope,
        ttlSeconds,
        similarityThreshold,
        maxEntries,
        cacheToolCalls);
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant(ZoneOffset.UTC);
  }
}
