package ai.hyperion.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One stored {@link ShadowResult} (V50__routing.sql); times in UTC. */
@Entity
@Table(name = "shadow_results")
public class ShadowResultRecord {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "org_id", nullable = false, length = 40)
  private String orgId;

  @Column(name = "request_id", nullable = false, length = 64)
  private String requestId;

  @Column(name = "primary_model", nullable = false, length = 200)
  private String primaryModel;

  @Column(name = "shadow_model", nullable = false, length = 200)
  private String shadowModel;

  @Column(name = "primary_latency_ms", nullable = false)
  private long primaryLatencyMillis;

  @Column(name = "shadow_latency_ms")
  private Long shadowLatencyMillis;

  @Column(name = "primary_prompt_tokens")
  private Integer primaryPromptTokens;

  @Column(name = "primary_completion_tokens")
  private Integer primaryCompletionTokens;

  @Column(name = "shadow_prompt_tokens")
  private Integer shadowPromptTokens;

  @Column(name = "shadow_completion_tokens")
  private Integer shadowCompletionTokens;

  @Column(name = "primary_cost_usd")
  private Double primaryCostUsd;

  @Column(name = "shadow_cost_usd")
  private Double shadowCostUsd;

  @Column(name = "similarity")
  private Double similarity;

  @Column(name = "status", nullable = false, length = 300)
  private String status;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected ShadowResultRecord() {}

  static ShadowResultRecord of(ShadowResult r) {
    ShadowResultRecord e = new ShadowResultRecord();
    e.id = r.id();
    e.orgId = r.orgId();
    e.requestId = r.requestId();
    e.primaryModel = r.primaryModel();
    e.shadowModel = r.shadowModel();
    e.primaryLatencyMillis = r.primaryLatencyMillis();
    e.shadowLatencyMillis = r.shadowLatencyMillis();
    e.primaryPromptTokens = r.primaryPromptTokens();
    e.primaryCompletionTokens = r.primaryCompletionTokens();
    e.shadowPromptTokens = r.shadowPromptTokens();
    e.shadowCompletionTokens = r.shadowCompletionTokens();
    e.primaryCostUsd = r.primaryCostUsd();
    e.shadowCostUsd = r.shadowCostUsd();
    e.similarity = r.similarity();
    e.status = r.status();
    e.createdAt = LocalDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC);
    return e;
  }

  ShadowResult toResult() {
    return new ShadowResult(
        id,
        orgId,
        requestId,
        primaryModel,
        shadowModel,
        primaryLatencyMillis,
        shadowLatencyMillis,
        primaryPromptTokens,
        primaryCompletionTokens,
        shadowPromptTokens,
        shadowCompletionTokens,
        primaryCostUsd,
        shadowCostUsd,
        similarity,
        status,
        createdAt.toInstant(ZoneOffset.UTC));
  }
}
