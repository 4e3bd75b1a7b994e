package ai.hyperion.policy;

import ai.hyperion.persistence.BatchInsert;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A row of the usage ledger (see {@link LedgerEntry}); written only by {@link LedgerWriter}. */
@Entity
@Table(name = "usage_ledger")
public class UsageRecord {

  /** How {@link LedgerWriter} inserts rows: the columns mapped below, as one JDBC batch. */
  static final BatchInsert<UsageRecord> INSERT =
      BatchInsert.<UsageRecord>into("usage_ledger")
          .column("id", Types.VARCHAR, r -> r.id)
          .column("request_id", Types.VARCHAR, r -> r.requestId)
          .column("attempt", Types.INTEGER, r -> r.attempt)
          .column("org_id", Types.VARCHAR, r -> r.orgId)
          .column("team_id", Types.VARCHAR, r -> r.teamId)
          .column("user_id", Types.VARCHAR, r -> r.userId)
          .column("key_id", Types.VARCHAR, r -> r.keyId)
          .column("model_requested", Types.VARCHAR, r -> r.modelRequested)
          .column("model_served", Types.VARCHAR, r -> r.modelServed)
          .column("provider", Types.VARCHAR, r -> r.provider)
          .column("prompt_tokens", Types.BIGINT, r -> r.promptTokens)
          .column("completion_tokens", Types.BIGINT, r -> r.completionTokens)
          .column("cached_tokens", Types.BIGINT, r -> r.cachedTokens)
          .column("cost_usd", Types.DECIMAL, r -> r.costUsd)
          .column("cache_saved_usd", Types.DECIMAL, r -> r.cacheSavedUsd)
          .column("price_source", Types.VARCHAR, r -> r.priceSource)
          .column("status", Types.INTEGER, r -> r.status)
          .column("streamed", Types.BOOLEAN, r -> r.streamed)
          .column("disconnected", Types.BOOLEAN, r -> r.disconnected)
          .column("cache_outcome", Types.VARCHAR, r -> r.cacheOutcome)
          .column("route_mode", Types.VARCHAR, r -> r.routeMode)
          .column("latency_ms", Types.BIGINT, r -> r.latencyMillis)
          .column("occurred_at", Types.TIMESTAMP, r -> Timestamp.valueOf(r.occurredAt))
          .column("hour_utc", Types.TIMESTAMP, r -> Timestamp.valueOf(r.hourUtc))
          .column("day_utc", Types.DATE, r -> Date.valueOf(r.dayUtc));

  @Id
  @Column(name = "id", length = 120)
  private String id;

  @Column(name = "request_id", nullable = false, length = 100)
  private String requestId;

  @Column(name = "attempt", nullable = false)
  private int attempt;

  @Column(name = "org_id", nullable = false, length = 40)
  private String orgId;

  @Column(name = "team_id", length = 40)
  private String teamId;

  @Column(name = "user_id", length = 40)
  private String userId;

  @Column(name = "key_id", length = 40)
  private String keyId;

  @Column(name = "model_requested", length = 200)
  private String modelRequested;

  @Column(name = "model_served", length = 200)
  private String modelServed;

  @Column(name = "provider", length = 100)
  private String provider;

  @Column(name = "prompt_tokens", nullable = false)
  private long promptTokens;

  @Column(name = "completion_tokens", nullable = false)
  private long completionTokens;

  @Column(name = "cached_tokens", nullable = false)
  private long cachedTokens;

  @Column(name = "cost_usd", nullable = false, precision = 19, scale = 9)
  private BigDecimal costUsd;

  /** What a cache hit saved; null on other rows. */
  @Column(name = "cache_saved_usd", precision = 19, scale = 9)
  private BigDecimal cacheSavedUsd;

  @Column(name = "price_source", nullable = false, length = 10)
  private String priceSource;

  @Column(name = "status", nullable = false)
  private int status;

  @Column(name = "streamed", nullable = false)
  private boolean streamed;

  @Column(name = "disconnected", nullable = false)
  private boolean disconnected;

  @Column(name = "cache_outcome", length = 10)
  private String cacheOutcome;

  @Column(name = "route_mode", length = 12)
  private String routeMode;

  @Column(name = "latency_ms", nullable = false)
  private long latencyMillis;

  @Column(name = "occurred_at", nullable = false)
  private LocalDateTime occurredAt;

  @Column(name = "hour_utc", nullable = false)
  private LocalDateTime hourUtc;

  @Column(name = "day_utc", nullable = false)
  private LocalDate dayUtc;

  protected UsageRecord() {}

  static UsageRecord of(LedgerEntry e) {
    UsageRecord r = new UsageRecord();
    r.id = e.id();
    r.requestId = e.requestId();
    r.attempt = e.attempt();
    r.orgId = e.orgId();
    r.teamId = e.teamId();
    r.userId = e.userId();
    r.keyId = e.keyId();
    r.modelRequested = truncate(e.modelRequested(), 200);
    r.modelServed = truncate(e.modelServed(), 200);
    r.provider = truncate(e.provider(), 100);
    r.promptTokens = e.promptTokens();
    r.completionTokens = e.completionTokens();
    r.cachedTokens = e.cachedTokens();
    r.costUsd = Money.usd(e.costNanos());
    r.cacheSavedUsd = "hit".equals(e.cacheOutcome()) ? Money.usd(e.cacheSavedNanos()) : null;
    r.priceSource = e.priceSource().label();
    r.status = e.status();
    r.streamed = e.streamed();
    r.disconnected = e.disconnected();
    r.cacheOutcome = truncate(e.cacheOutcome(), 10);
    r.routeMode = truncate(e.routeMode(), 12);
    r.latencyMillis = e.latencyMillis();
    r.occurredAt = LocalDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
    r.hourUtc = r.occurredAt.truncatedTo(ChronoUnit.HOURS);
    r.dayUtc = r.occurredAt.toLocalDate();
    return r;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  public String id() {
    return id;
  }

  public BigDecimal costUsd() {
    return costUsd;
  }

  public BigDecimal cacheSavedUsd() {
    return cacheSavedUsd;
  }

  public String priceSource() {
    return priceSource;
  }

  public long promptTokens() {
    return promptTokens;
  }

  public long completionTokens() {
    return completionTokens;
  }

  public String routeMode() {
    return routeMode;
  }
}
