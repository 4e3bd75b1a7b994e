package ai.hyperion.audit.log;

import ai.hyperion.persistence.BatchInsert;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One data-plane request as stored in the request log. Written once; deleted by retention. */
@Entity
@Table(name = "request_log")
public class RequestLogRecord {

  static final int MAX_BODY = 32000;

  /** How {@link RequestLog} inserts rows: the columns mapped below, as one JDBC batch. */
  static final BatchInsert<RequestLogRecord> INSERT =
      BatchInsert.<RequestLogRecord>into("request_log")
          .column("request_id", Types.VARCHAR, r -> r.requestId)
          .column("occurred_at", Types.TIMESTAMP, r -> Timestamp.valueOf(r.occurredAt))
          .column("org_id", Types.VARCHAR, r -> r.orgId)
          .column("team_id", Types.VARCHAR, r -> r.teamId)
          .column("user_id", Types.VARCHAR, r -> r.userId)
          .column("key_id", Types.VARCHAR, r -> r.keyId)
          .column("key_prefix", Types.VARCHAR, r -> r.keyPrefix)
          .column("endpoint", Types.VARCHAR, r -> r.endpoint)
          .column("requested_model", Types.VARCHAR, r -> r.requestedModel)
          .column("served_model", Types.VARCHAR, r -> r.servedModel)
          .column("provider", Types.VARCHAR, r -> r.provider)
          .column("route_mode", Types.VARCHAR, r -> r.routeMode)
          .column("intent", Types.VARCHAR, r -> r.intent)
          .column("cache_outcome", Types.VARCHAR, r -> r.cacheOutcome)
          .column("status", Types.INTEGER, r -> r.status)
          .column("error_code", Types.VARCHAR, r -> r.errorCode)
          .column("streamed", Types.BOOLEAN, r -> r.streamed)
          .column("client_disconnected", Types.BOOLEAN, r -> r.clientDisconnected)
          .column("prompt_tokens", Types.INTEGER, r -> r.promptTokens)
          .column("completion_tokens", Types.INTEGER, r -> r.completionTokens)
          .column("cached_tokens", Types.INTEGER, r -> r.cachedTokens)
          .column("reasoning_tokens", Types.INTEGER, r -> r.reasoningTokens)
          .column("cost_usd", Types.DOUBLE, r -> r.costUsd)
          .column("attempts", Types.INTEGER, r -> r.attempts)
          .column("auth_ms", Types.DOUBLE, r -> r.authMs)
          .column("policy_ms", Types.DOUBLE, r -> r.policyMs)
          .column("cache_ms", Types.DOUBLE, r -> r.cacheMs)
          .column("route_ms", Types.DOUBLE, r -> r.routeMs)
          .column("upstream_ms", Types.DOUBLE, r -> r.upstreamMs)
          .column("write_ms", Types.DOUBLE, r -> r.writeMs)
          .column("total_ms", Types.DOUBLE, r -> r.totalMs)
          .column("client_address", Types.VARCHAR, r -> r.clientAddress)
          .column("client_network", Types.VARCHAR, r -> r.clientNetwork)
          .column("prompt_body", Types.VARCHAR, r -> r.promptBody)
          .column("completion_body", Types.VARCHAR, r -> r.completionBody)
          .column("argument_bytes", Types.INTEGER, r -> r.argumentBytes);

  @Id
  @Column(name = "request_id", length = 64)
  private String requestId;

  @Column(name = "occurred_at", nullable = false)
  private LocalDateTime occurredAt;

  @Column(name = "org_id", nullable = false, length = 40)
  private String orgId;

  @Column(name = "team_id", length = 40)
  private String teamId;

  @Column(name = "user_id", length = 40)
  private String userId;

  @Column(name = "key_id", length = 40)
  private String keyId;

  @Column(name = "key_prefix", length = 16)
  private String keyPrefix;

  @Column(name = "endpoint", length = 100)
  private String endpoint;

  @Column(name = "requested_model", length = 200)
  private String requestedModel;

  @Column(name = "served_model", length = 200)
  private String servedModel;

  @Column(name = "provider", length = 100)
  private String provider;

  @Column(name = "route_mode", length = 20)
  private String routeMode;

  @Column(name = "intent", length = 40)
  private String intent;

  @Column(name = "cache_outcome", length = 10)
  private String cacheOutcome;

  @Column(name = "status", nullable = false)
  private int status;

  @Column(name = "error_code", length = 60)
  private String errorCode;

  @Column(name = "streamed", nullable = false)
  private boolean streamed;

  @Column(name = "client_disconnected", nullable = false)
  private boolean clientDisconnected;

  @Column(name = "prompt_tokens", nullable = false)
  private int promptTokens;

  @Column(name = "completion_tokens", nullable = false)
  private int completionTokens;

  @Column(name = "cached_tokens", nullable = false)
  private int cachedTokens;

  @Column(name = "reasoning_tokens", nullable = false)
  private int reasoningTokens;

  @Column(name = "cost_usd", nullable = false)
  private double costUsd;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "auth_ms")
  private Double authMs;

  @Column(name = "policy_ms")
  private Double policyMs;

  @Column(name = "cache_ms")
  private Double cacheMs;

  @Column(name = "route_ms")
  private Double routeMs;

  @Column(name = "upstream_ms")
  private Double upstreamMs;

  @Column(name = "write_ms")
  private Double writeMs;

  @Column(name = "total_ms", nullable = false)
  private double totalMs;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(name = "client_network", length = 64)
  private String clientNetwork;

  @Column(name = "prompt_body", length = MAX_BODY)
  private String promptBody;

  @Column(name = "completion_body", length = MAX_BODY)
  private String completionBody;

  @Column(name = "argument_bytes")
  private Integer argumentBytes;

  protected RequestLogRecord() {}

  RequestLogRecord(RequestLogEntry e, String promptBody, String completionBody) {
    this.requestId = cut(e.requestId(), 64);
    this.occurredAt = LocalDateTime.ofInstant(e.startedAt(), ZoneOffset.UTC);
    this.orgId = e.orgId() == null ? "-" : cut(e.orgId(), 40);
    this.teamId = cut(e.teamId(), 40);
    this.userId = cut(e.userId(), 40);
    this.keyId = cut(e.keyId(), 40);
    this.keyPrefix = cut(e.keyPrefix(), 16);
    this.endpoint = cut(e.endpoint(), 100);
    this.requestedModel = cut(e.requestedModel(), 200);
    this.servedModel = cut(e.servedModel(), 200);
    this.provider = cut(e.provider(), 100);
    this.routeMode = cut(e.routeMode(), 20);
    this.intent = cut(e.intent(), 40);
    this.cacheOutcome = cut(e.cacheOutcome(), 10);
    this.status = e.status();
    this.errorCode = cut(e.errorCode(), 60);
    this.streamed = e.streamed();
    this.clientDisconnected = e.clientDisconnected();
    if (e.usage() != null) {
      this.promptTokens = e.usage().promptTokens();
      this.completionTokens = e.usage().completionTokens();
      this.cachedTokens = e.usage().cachedTokens();
      this.reasoningTokens = e.usage().reasoningTokens();
    }
    this.costUsd = e.costUsd();
    this.attempts = e.attempts();
    this.authMs = e.stageMillis().get("auth");
    this.policyMs = e.stageMillis().get("policy");
    this.cacheMs = e.stageMillis().get("cache");
    this.routeMs = e.stageMillis().get("route");
    this.upstreamMs = e.stageMillis().get("upstream");
    this.writeMs = e.stageMillis().get("write");
    this.totalMs = e.totalMillis();
    this.clientAddress = cut(e.clientAddress(), 64);
    this.clientNetwork = Networks.of(e.clientAddress());
    this.promptBody = promptBody;
    this.completionBody = completionBody;
    this.argumentBytes = e.argumentBytes();
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  public String requestId() {
    return requestId;
  }

  /** An MCP tool call's argument size in bytes, else null. */
  public Integer argumentBytes() {
    return argumentBytes;
  }

  public Instant occurredAt() {
    return occurredAt.toInstant(ZoneOffset.UTC);
  }

  public String orgId() {
    return orgId;
  }

  public String teamId() {
    return teamId;
  }

  public String userId() {
    return userId;
  }

  public String keyId() {
    return keyId;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public String endpoint() {
    return endpoint;
  }

  public String requestedModel() {
    return requestedModel;
  }

  public String servedModel() {
    return servedModel;
  }

  public String provider() {
    return provider;
  }

  public String routeMode() {
    return routeMode;
  }

  public String intent() {
    return intent;
  }

  public String cacheOutcome() {
    return cacheOutcome;
  }

  public int status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public boolean streamed() {
    return streamed;
  }

  public boolean clientDisconnected() {
    return clientDisconnected;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public int completionTokens() {
    return completionTokens;
  }

  public int cachedTokens() {
    return cachedTokens;
  }

  public int reasoningTokens() {
    return reasoningTokens;
  }

  public double costUsd() {
    return costUsd;
  }

  public int attempts() {
    return attempts;
  }

  public Double authMs() {
    return authMs;
  }

  public Double policyMs() {
    return policyMs;
  }

  public Double cacheMs() {
    return cacheMs;
  }

  public Double routeMs() {
    return routeMs;
  }

  public Double upstreamMs() {
    return upstreamMs;
  }

  public Double writeMs() {
    return writeMs;
  }

  public double totalMs() {
    return totalMs;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public String clientNetwork() {
    return clientNetwork;
  }

  public String promptBody() {
    return promptBody;
  }

  public String completionBody() {
    return completionBody;
  }
}
