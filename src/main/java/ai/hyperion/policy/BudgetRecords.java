package ai.hyperion.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** Admin API bodies and answers for budgets and spend. */
public final class BudgetRecords {

  private BudgetRecords() {}

  /**
   * Create or change (PATCH: absent fields stay as they are) a budget. {@code period}: day, week,
   * month or total; {@code timeZone}: an IANA zone for calendar periods (default UTC); {@code
   * softThresholdPercent}: 1–100, or 0 to remove the alert; {@code hardCutoff}: refuse what would
   * overrun it (default true); {@code subjectLevel} (key, user, team, org) with {@code subjectId}
   * attach it directly; without a subject it applies only where a {@code budgetRef} names it.
   */
  public record BudgetRequest(
      String name,
      BigDecimal amountUsd,
      String period,
      String timeZone,
      Integer softThresholdPercent,
      Boolean hardCutoff,
      String subjectLevel,
      String subjectId) {}

  public record BudgetView(
      String id,
      String orgId,
      String name,
      BigDecimal amountUsd,
      String period,
      String timeZone,
      Integer softThresholdPercent,
      boolean hardCutoff,
      String subjectLevel,
      String subjectId,
      Instant createdAt,
      Instant updatedAt) {

    static BudgetView of(Budget b) {
      return new BudgetView(
          b.id(),
          b.orgId(),
          b.name(),
          b.amountUsd(),
          b.period().name().toLowerCase(Locale.ROOT),
          b.zone().getId(),
          b.softThresholdPercent(),
          b.hardCutoff(),
          b.subjectLevel() == null ? null : b.subjectLevel().name().toLowerCase(Locale.ROOT),
          b.subjectId(),
          b.createdAt(),
          b.updatedAt());
    }
  }

  /**
   * A budget's current period: settled spend, reservations of requests still in flight, and what is
   * left ({@code amount - spent - reserved}, not below zero). {@code via} says how it applies to
   * the subject asked about: "attached" or "budgetRef".
   */
  public record SpendView(
      String budgetId,
      String name,
      String via,
      String period,
      String periodKey,
      Instant periodStart,
      Instant periodEnd,
      BigDecimal amountUsd,
      BigDecimal spentUsd,
      BigDecimal reservedUsd,
      BigDecimal remainingUsd,
      Integer softThresholdPercent,
      boolean softThresholdReached,
      boolean hardCutoff) {}
}
