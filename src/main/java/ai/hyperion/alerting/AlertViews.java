package ai.hyperion.alerting;

import java.time.Instant;
import java.util.Set;

/** What the admin API shows of rules and alerts; never a webhook secret. */
public final class AlertViews {

  private AlertViews() {}

  /** {@code webhookSecretSet} says whether deliveries are signed; the secret is not shown. */
  public record RuleView(
      String id,
      String orgId,
      String name,
      String kind,
      Double multiplier,
      Double amountUsd,
      Double errorRate,
      Integer minRequests,
      int windowMinutes,
      int baselineHours,
      int cooldownMinutes,
      Set<String> emails,
      String webhookUrl,
      boolean webhookSecretSet,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt) {

    static RuleView of(AlertRule r) {
      return new RuleView(
          r.id(),
          r.orgId(),
          r.name(),
          r.kind().name(),
          r.multiplier(),
          r.amountUsd(),
          r.errorRate(),
          r.minRequests(),
          r.windowMinutes(),
          r.baselineHours(),
          r.cooldownMinutes(),
          r.emails(),
          r.webhookUrl(),
          r.webhookSecret() != null,
          r.enabled(),
          r.createdAt(),
          r.updatedAt());
    }
  }

  public record AlertView(
      String id,
      String orgId,
      String ruleId,
      String kind,
      String subject,
      String summary,
      String details,
      Instant firedAt,
      String emailStatus,
      String webhookStatus,
      Instant acknowledgedAt,
      String acknowledgedBy) {

    static AlertView of(Alert a) {
      return new AlertView(
          a.id(),
          a.orgId(),
          a.ruleId(),
          a.kind().name(),
          a.subject(),
          a.summary(),
          a.details(),
          a.firedAt(),
          a.emailStatus(),
          a.webhookStatus(),
          a.acknowledgedAt(),
          a.acknowledgedBy());
    }
  }

  /**
   * A rule to create or change (PATCH: absent fields stay). {@code kind}: SPEND_SPIKE (multiplier,
   * amountUsd as the minimum spend), SPEND_ABOVE (amountUsd), ERROR_RATE (errorRate 0..1,
   * minRequests), NEW_NETWORK (baselineHours of history), BUDGET_THRESHOLD. {@code webhookSecret}
   * signs deliveries; "" removes it.
   */
  public record RuleRequest(
      String name,
      String kind,
      Double multiplier,
      Double amountUsd,
      Double errorRate,
      Integer minRequests,
      Integer windowMinutes,
      Integer baselineHours,
      Integer cooldownMinutes,
      Set<String> emails,
      String webhookUrl,
      String webhookSecret,
      Boolean enabled) {

    @Override
    public String toString() {
      return "RuleRequest[" + name + ", " + kind + "]";
    }
  }
}
