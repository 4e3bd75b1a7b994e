package ai.hyperion.alerting;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The conditions of the request-log rules, as queries over the request log. */
final class RuleChecks {

  private RuleChecks() {}

  static List<Incident> check(EntityManager em, AlertRule rule, Instant now) {
    return switch (rule.kind()) {
      case SPEND_SPIKE -> spendSpike(em, rule, now);
      case SPEND_ABOVE -> spendAbove(em, rule, now);
      case ERROR_RATE -> errorRate(em, rule, now);
      case NEW_NETWORK -> newNetworks(em, rule, now);
      case BUDGET_THRESHOLD -> List.of();
    };
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static double spend(EntityManager em, String org, Instant from, Instant to) {
    Double sum =
        em.createQuery(
                "select sum(r.costUsd) from RequestLogRecord r where r.orgId = :org"
                    + " and r.occurredAt >= :from and r.occurredAt < :to",
                Double.class)
            .setParameter("org", org)
            .setParameter("from", utc(from))
            .setParameter("to", utc(to))
            .getSingleResult();
    return sum == null ? 0 : sum;
  }

  private static List<Incident> spendSpike(EntityManager em, AlertRule rule, Instant now) {
    Duration window = Duration.ofMinutes(rule.windowMinutes());
    Instant windowStart = now.minus(window);
    double current = spend(em, rule.orgId(), windowStart, now);
    Instant baselineStart = windowStart.minus(Duration.ofHours(rule.baselineHours()));
    double baselineTotal = spend(em, rule.orgId(), baselineStart, windowStart);
    double windows =
        (double) Duration.ofHours(rule.baselineHours()).toMinutes() / rule.windowMinutes();
    double average = baselineTotal / windows;
    double floor = rule.amountUsd() == null ? 0 : rule.amountUsd();
    if (current <= floor || current <= rule.multiplier() * average) {
      return List.of();
    }
    ObjectNode details = Json.object();
    details.put("spendUsd", round(current));
    details.put("trailingAverageUsd", round(average));
    details.put("multiplier", rule.multiplier());
    details.put("windowMinutes", rule.windowMinutes());
    details.put("baselineHours", rule.baselineHours());
    return List.of(
        new Incident(
            "org",
            String.format(
                Locale.ROOT,
                "Spend spike in %s: $%.2f in the last %d min, %.1f× the trailing average of $%.2f",
                rule.orgId(),
                current,
                rule.windowMinutes(),
                average == 0 ? Double.POSITIVE_INFINITY : current / average,
                average),
            details));
  }

  private static List<Incident> spendAbove(EntityManager em, AlertRule rule, Instant now) {
    double current =
        spend(em, rule.orgId(), now.minus(Duration.ofMinutes(rule.windowMinutes())), now);
    if (current <= rule.amountUsd()) {
      return List.of();
    }
    ObjectNode details = Json.object();
    details.put("spendUsd", round(current));
    details.put("limitUsd", rule.amountUsd());
    details.put("windowMinutes", rule.windowMinutes());
    return List.of(
        new Incident(
            "org",
            String.format(
                Locale.ROOT,
                "Spend in %s above $%.2f: $%.2f in the last %d min",
                rule.orgId(),
                rule.amountUsd(),
                current,
                rule.windowMinutes()),
            details));
  }

  private static List<Incident> errorRate(EntityManager em, AlertRule rule, Instant now) {
    Object[] counts =
        em.createQuery(
                "select count(r), sum(case when r.status >= 500 or r.status = 429 then 1 else 0"
                    + " end) from RequestLogRecord r where r.orgId = :org and r.occurredAt >= :from"
                    + " and r.occurredAt < :to",
                Object[].class)
            .setParameter("org", rule.orgId())
            .setParameter("from", utc(now.minus(Duration.ofMinutes(rule.windowMinutes()))))
            .setParameter("to", utc(now))
            .getSingleResult();
    long total = ((Number) counts[0]).longValue();
    long failed = counts[1] == null ? 0 : ((Number) counts[1]).longValue();
    int minimum = rule.minRequests() == null ? 1 : rule.minRequests();
    if (total < minimum || total == 0 || (double) failed / total <= rule.errorRate()) {
      return List.of();
    }
    double rate = (double) failed / total;
    ObjectNode details = Json.object();
    details.put("requests", total);
    details.put("failed", failed);
    details.put("errorRate", round(rate));
    details.put("threshold", rule.errorRate());
    details.put("windowMinutes", rule.windowMinutes());
    return List.of(
        new Incident(
            "org",
            String.format(
                Locale.ROOT,
                "Error rate in %s at %.0f%%: %d of %d requests failed in the last %d min",
                rule.orgId(),
                rate * 100,
                failed,
                total,
                rule.windowMinutes()),
            details));
  }

  private static List<Incident> newNetworks(EntityManager em, AlertRule rule, Instant now) {
    Instant windowStart = now.minus(Duration.ofMinutes(rule.windowMinutes()));
    Instant baselineStart = windowStart.minus(Duration.ofHours(rule.baselineHours()));
    List<Object[]> recent =
        em.createQuery(
                "select distinct r.keyPrefix, r.clientNetwork from RequestLogRecord r"
                    + " where r.orgId = :org and r.occurredAt >= :from and r.occurredAt < :to"
                    + " and r.keyPrefix is not null and r.clientNetwork is not null",
                Object[].class)
            .setParameter("org", rule.orgId())
            .setParameter("from", utc(windowStart))
            .setParameter("to", utc(now))
            .getResultList();
    List<Incident> incidents = new ArrayList<>();
    for (Object[] pair : recent) {
      String key = (String) pair[0];
      String network = (String) pair[1];
      String history =
          "select count(r) from RequestLogRecord r where r.orgId = :org and r.keyPrefix = :key"
              + " and r.occurredAt >= :from and r.occurredAt < :to";
      long before =
          em.createQuery(history, Long.class)
              .setParameter("org", rule.orgId())
              .setParameter("key", key)
              .setParameter("from", utc(baselineStart))
              .setParameter("to", utc(windowStart))
              .getSingleResult();
      if (before == 0) {
        continue; // a key without history: nothing to compare with
      }
      long fromHere =
          em.createQuery(history + " and r.clientNetwork = :net", Long.class)
              .setParameter("org", rule.orgId())
              .setParameter("key", key)
              .setParameter("from", utc(baselineStart))
              .setParameter("to", utc(windowStart))
              .setParameter("net", network)
              .getSingleResult();
      if (fromHere == 0) {
        ObjectNode details = Json.object();
        details.put("keyPrefix", key);
        details.put("network", network);
        details.put("baselineHours", rule.baselineHours());
        incidents.add(
            new Incident(
                "key:" + key + ":" + network,
                "Key hk-" + key + "_... of " + rule.orgId() + " used from a new network " + network,
                details));
      }
    }
    return incidents;
  }

  static Incident budget(BudgetThresholdCrossed event) {
    ObjectNode details = Json.object();
    details.put("budgetRef", event.budgetRef());
    details.put("scope", event.scope());
    details.put("thresholdPercent", event.thresholdPercent());
    details.put("spentUsd", round(event.spentUsd()));
    details.put("limitUsd", round(event.limitUsd()));
    return new Incident(
        "budget:" + event.budgetRef() + ":" + event.scope() + ":" + event.thresholdPercent(),
        String.format(
            Locale.ROOT,
            "Budget %s of %s (%s) passed %d%%: $%.2f of $%.2f",
            event.budgetRef(),
            event.orgId(),
            event.scope(),
            event.thresholdPercent(),
            event.spentUsd(),
            event.limitUsd()),
        details);
  }

  private static double round(double value) {
    return Math.round(value * 1_000_000) / 1_000_000.0;
  }
}
