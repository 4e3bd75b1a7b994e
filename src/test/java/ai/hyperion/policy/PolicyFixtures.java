package ai.hyperion.policy;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Builders for policy requests in tests. */
final class PolicyFixtures {

  private PolicyFixtures() {}

  /** $2.50 in / $10 out per million tokens (gpt-4o's catalog price). */
  static final ModelPrice BIG = ModelPrice.of("gpt-4o", 2.50, 10.00, PriceSource.CATALOG);

  /** $0.15 in / $0.60 out per million tokens. */
  static final ModelPrice SMALL = ModelPrice.of("gpt-4o-mini", 0.15, 0.60, PriceSource.CATALOG);

  static LevelPolicy key(String id, Integer rpm, Integer tpm, Integer concurrency) {
    return new LevelPolicy(TenantLevel.KEY, id, rpm, tpm, concurrency, List.of());
  }

  static LevelPolicy level(TenantLevel level, String id, Integer rpm, BudgetRule... budgets) {
    return new LevelPolicy(level, id, rpm, null, null, List.of(budgets));
  }

  static BudgetRule budget(String usd, BudgetPeriod period, Integer softPercent, boolean hard) {
    return budget(usd, period, ZoneOffset.UTC, softPercent, hard);
  }

  static BudgetRule budget(
      String usd, BudgetPeriod period, ZoneId zone, Integer softPercent, boolean hard) {
    String id = "bud_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new BudgetRule(
        id,
        "org_test",
        "test budget",
        Money.nanos(new BigDecimal(usd)),
        period,
        zone,
        softPercent,
        hard,
        TenantLevel.TEAM,
        "team_test");
  }

  /**
   * A candidate whose worst case is exactly {@code prompt} input and {@code output} output tokens;
   * {@code rateTokens} count against tokens-per-minute limits.
   */
  static Candidate candidate(ModelPrice price, int prompt, int output, int rateTokens) {
    return new Candidate(
        price.model(), price, new TokenEstimate(prompt, output, rateTokens, Tokenizer.O200K));
  }

  /** gpt-4o, 1,000 prompt and 1,000 output tokens: worst case $0.0125; 1,000 rate tokens. */
  static Candidate standard() {
    return candidate(BIG, 1_000, 1_000, 1_000);
  }

  static PolicyRequest request(List<LevelPolicy> levels, Candidate... candidates) {
    return new PolicyRequest(
        "req_" + UUID.randomUUID().toString().replace("-", ""), levels, List.of(candidates));
  }
}
