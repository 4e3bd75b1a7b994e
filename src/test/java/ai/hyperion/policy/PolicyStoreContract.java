package ai.hyperion.policy;

import static ai.hyperion.policy.PolicyFixtures.BIG;
import static ai.hyperion.policy.PolicyFixtures.SMALL;
import static ai.hyperion.policy.PolicyFixtures.budget;
import static ai.hyperion.policy.PolicyFixtures.candidate;
import static ai.hyperion.policy.PolicyFixtures.key;
import static ai.hyperion.policy.PolicyFixtures.level;
import static ai.hyperion.policy.PolicyFixtures.request;
import static ai.hyperion.policy.PolicyFixtures.standard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy semantics every store must have, driven through {@link PolicyEngine} with a clock the
 * test moves: each window and its reset, each budget period and its rollover, the soft threshold
 * fired once, the hard cutoff, all-or-nothing reservations and idempotent settlement.
 */
abstract class PolicyStoreContract {

  /** Wednesday 2030-01-16 10:00:20 UTC: 20 s into a minute. */
  static final Instant START = Instant.parse("2030-01-16T10:00:20Z");

  MutableClock clock;
  PolicyEngine engine;
  final List<BudgetThresholdCrossed> events = new CopyOnWriteArrayList<>();

  abstract PolicyStore openStore(MutableClock clock);

  abstract void closeStore();

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    engine =
        new PolicyEngine(
            openStore(clock), clock, Duration.ofMinutes(15), events::add, new PolicyCounters());
  }

  @AfterEach
  void tearDown() {
    closeStore();
  }

  PolicyDecision admit(PolicyRequest request) {
    return engine.admit(request).toCompletableFuture().join();
  }

  Admitted admitted(PolicyRequest request) {
    PolicyDecision decision = admit(request);
    return assertInstanceOf(Admitted.class, decision, () -> decision.toString());
  }

  Refused refused(PolicyRequest request) {
    PolicyDecision decision = admit(request);
    return assertInstanceOf(Refused.class, decision, () -> decision.toString());
  }

  Settlement settle(Admitted admitted, long costNanos) {
    // The big model at $10 per million output tokens: 100 output tokens cost 1,000,000 nanos.
    Usage usage = new Usage(0, (int) (costNanos / 10_000));
    return engine.settle(admitted.reservation(), usage, BIG).toCompletableFuture().join();
  }

  boolean release(Admitted admitted) {
    return engine.release(admitted.reservation()).toCompletableFuture().join();
  }

  PolicyStore.BudgetUsage usage(BudgetRule rule) {
    return engine.usage(rule).toCompletableFuture().join();
  }

  static long usd(String amount) {
    return Money.nanos(new BigDecimal(amount));
  }

  @Test
  void requestsPerMinuteRefuseTheFourthAndResetAtTheMinute() {
    List<LevelPolicy> levels = List.of(key("key_rpm", 3, null, null));
    for (int i = 0; i < 3; i++) {
      Admitted ok = admitted(request(levels, standard()));
      assertEquals(
          String.valueOf(2 - i), ok.rateLimits().asMap().get("x-ratelimit-remaining-requests"));
      settle(ok, 0);
    }
    Refused refused = refused(request(levels, standard()));
    assertEquals(429, refused.status());
    assertEquals("rate_limit_exceeded", refused.code());
    assertTrue(
        refused.message().contains("requests per minute on your key (key_rpm)"), refused.message());
    assertTrue(refused.message().contains("limit 3"), refused.message());
    assertEquals(40, refused.retryAfterSeconds());
    Map<String, String> headers = refused.headers();
    assertEquals("3", headers.get("x-ratelimit-limit-requests"));
    assertEquals("0", headers.get("x-ratelimit-remaining-requests"));
    assertEquals("40s", headers.get("x-ratelimit-reset-requests"));
    assertEquals("40", headers.get("Retry-After"));

    clock.advance(Duration.ofSeconds(39));
    refused(request(levels, standard()));
    clock.advance(Duration.ofSeconds(1));
    Admitted next = admitted(request(levels, standard()));
    assertEquals("2", next.rateLimits().asMap().get("x-ratelimit-remaining-requests"));
  }

  @Test
  void tokensPerMinuteCountTheEstimateAndAreReconciledAtSettlement() {
    List<LevelPolicy> levels = List.of(key("key_tpm", null, 1_000, null));
    Admitted first = admitted(request(levels, candidate(BIG, 300, 100, 400)));
    assertEquals("600", first.rateLimits().asMap().get("x-ratelimit-remaining-tokens"));
    Admitted second = admitted(request(levels, candidate(BIG, 300, 100, 400)));
    Refused third = refused(request(levels, candidate(BIG, 300, 100, 400)));
    assertTrue(third.message().contains("tokens per minute"), third.message());
    assertTrue(third.message().contains("used 800, requested 400"), third.message());

    // The first call really used 100 tokens, not 400: 300 come back to this minute.
    engine.settle(first.reservation(), new Usage(60, 40), BIG).toCompletableFuture().join();
    Admitted fourth = admitted(request(levels, candidate(BIG, 300, 100, 400)));
    assertEquals("100", fourth.rateLimits().asMap().get("x-ratelimit-remaining-tokens"));
    release(second);

    clock.advance(Duration.ofSeconds(40));
    Admitted reset = admitted(request(levels, candidate(BIG, 300, 100, 400)));
    assertEquals("600", reset.rateLimits().asMap().get("x-ratelimit-remaining-tokens"));
  }

  @Test
  void concurrencyCountsRequestsInFlightUntilSettledReleasedOrExpired() {
    List<LevelPolicy> levels = List.of(key("key_cc", null, null, 2));
    Admitted a = admitted(request(levels, standard()));
    Admitted b = admitted(request(levels, standard()));
    Refused refused = refused(request(levels, standard()));
    assertTrue(
        refused.message().contains("concurrent requests on your key (key_cc)"), refused.message());
    assertEquals(1, refused.retryAfterSeconds());

    settle(a, 1000);
    Admitted c = admitted(request(levels, standard()));
    refused(request(levels, standard()));
    assertTrue(release(b));
    assertFalse(release(b), "a second release frees nothing");
    admitted(request(levels, standard()));
    refused(request(levels, standard()));

    // Nobody settles c or the last one: past the reservation timeout their slots come back.
    clock.advance(Duration.ofMinutes(16));
    admitted(request(levels, standard()));
    admitted(request(levels, standard()));
    assertFalse(release(c), "c was freed by the deadline sweep already");
  }

  @Test
  void theTightestLevelGivesTheHeadersAndAReservationIsAllOrNothing() {
    LevelPolicy key = key("key_all", 2, null, null);
    LevelPolicy team = level(TenantLevel.TEAM, "team_all", 1);
    LevelPolicy org = level(TenantLevel.ORG, "org_all", 10);
    Admitted first = admitted(request(List.of(key, team, org), standard()));
    assertEquals("1", first.rateLimits().asMap().get("x-ratelimit-limit-requests"));
    assertEquals("0", first.rateLimits().asMap().get("x-ratelimit-remaining-requests"));

    Refused byTeam = refused(request(List.of(key, team, org), standard()));
    assertTrue(byTeam.message().contains("your team (team_all)"), byTeam.message());
    // The refused request took nothing from the key or the org: the key has one request left.
    Admitted keyOnly = admitted(request(List.of(key, org), standard()));
    assertEquals("0", keyOnly.rateLimits().asMap().get("x-ratelimit-remaining-requests"));
    assertEquals("2", keyOnly.rateLimits().asMap().get("x-ratelimit-limit-requests"));
    refused(request(List.of(key, org), standard()));
  }

  @Test
  void aHardBudgetReservesTheWorstCaseAndRefusesWhatWouldOverrunIt() {
    // Each request's worst case is $0.0125; the budget holds 3 of them, not 4.
    BudgetRule rule = budget("0.04", BudgetPeriod.DAY, null, true);
    List<LevelPolicy> levels = List.of(level(TenantLevel.TEAM, "team_b", null, rule));
    List<Admitted> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(admitted(request(levels, standard())));
    }
    assertEquals(usd("0.0375"), usage(rule).reservedNanos());
    Refused refused = refused(request(levels, standard()));
    assertEquals("budget_exceeded", refused.code());
    assertTrue(refused.message().contains(rule.id()), refused.message());
    assertTrue(refused.message().contains("$0.04"), refused.message());
    assertEquals(Duration.ofHours(14).toSeconds() - 20, refused.retryAfterSeconds());

    // The calls cost $0.001 each: the reservations turn into real spend and room comes back.
    for (Admitted admitted : held) {
      settle(admitted, usd("0.001"));
    }
    assertEquals(new PolicyStore.BudgetUsage(usd("0.003"), 0), usage(rule));
    admitted(request(levels, standard()));
  }

  @Test
  void everyBudgetPeriodRollsOverAtItsCalendarBoundary() {
    // 2030-01-16 is a Wednesday: the week ends Monday 2030-01-21, the month on February 1st.
    Map<BudgetPeriod, Instant> ends =
        Map.of(
            BudgetPeriod.DAY, Instant.parse("2030-01-17T00:00:00Z"),
            BudgetPeriod.WEEK, Instant.parse("2030-01-21T00:00:00Z"),
            BudgetPeriod.MONTH, Instant.parse("2030-02-01T00:00:00Z"));
    for (BudgetPeriod period : BudgetPeriod.values()) {
      clock = new MutableClock(START);
      engine =
          new PolicyEngine(
              openStore(clock), clock, Duration.ofMinutes(15), e -> {}, new PolicyCounters());
      BudgetRule rule = budget("0.02", period, null, true);
      List<LevelPolicy> levels = List.of(level(TenantLevel.USER, "usr_" + period, null, rule));
      settle(admitted(request(levels, standard())), usd("0.015"));
      refused(request(levels, standard()));
      if (period == BudgetPeriod.TOTAL) {
        clock.advance(Duration.ofDays(400));
        Refused never = refused(request(levels, standard()));
        assertTrue(never.message().contains("in total"), never.message());
        continue;
      }
      Instant end = ends.get(period);
      clock.advance(Duration.between(START, end).minusMillis(1));
      refused(request(levels, standard()));
      clock.advance(Duration.ofMillis(1));
      Admitted next = admitted(request(levels, standard()));
      assertEquals(0, usage(rule).spentNanos(), period + ": the new period starts empty");
      release(next);
    }
  }

  @Test
  void aBudgetInAnOrgTimeZoneRollsOverAtThatZonesMidnight() {
    BudgetRule rule = budget("0.02", BudgetPeriod.DAY, ZoneId.of("America/New_York"), null, true);
    List<LevelPolicy> levels = List.of(level(TenantLevel.ORG, "org_ny", null, rule));
    settle(admitted(request(levels, standard())), usd("0.015"));
    // 10:00 UTC is 05:00 in New York; its midnight is 05:00 UTC the next day.
    clock.advance(Duration.between(START, Instant.parse("2030-01-17T04:59:59Z")));
    refused(request(levels, standard()));
    clock.advance(Duration.ofSeconds(1));
    admitted(request(levels, standard()));
  }

  @Test
  void theSoftThresholdFiresOncePerPeriodAndASoftBudgetNeverRefuses() {
    BudgetRule rule = budget("0.01", BudgetPeriod.DAY, 50, false);
    List<LevelPolicy> levels = List.of(level(TenantLevel.TEAM, "team_soft", null, rule));
    settle(admitted(request(levels, standard())), usd("0.003"));
    assertTrue(events.isEmpty());
    settle(admitted(request(levels, standard())), usd("0.003"));
    assertEquals(1, events.size());
    BudgetThresholdCrossed event = events.get(0);
    assertEquals(rule.id(), event.budgetId());
    assertEquals(50, event.thresholdPercent());
    assertEquals(0, new BigDecimal("0.006").compareTo(event.spentUsd()));
    assertEquals("D:2030-01-16", event.periodKey());
    // Past the amount: no second event, and no refusal without a hard cutoff.
    for (int i = 0; i < 3; i++) {
      settle(admitted(request(levels, standard())), usd("0.003"));
    }
    assertEquals(1, events.size());

    clock.advance(Duration.ofDays(1));
    settle(admitted(request(levels, standard())), usd("0.006"));
    assertEquals(2, events.size());
    assertEquals("D:2030-01-17", events.get(1).periodKey());
  }

  @Test
  void settlementIsIdempotentPerRequestIdAndNeverSkipped() {
    BudgetRule rule = budget("1", BudgetPeriod.MONTH, null, true);
    List<LevelPolicy> levels = List.of(level(TenantLevel.KEY, "key_idem", null, rule));
    Admitted admitted = admitted(request(levels, standard()));
    Settlement first = settle(admitted, usd("0.002"));
    Settlement again = settle(admitted, usd("0.002"));
    assertFalse(first.duplicate());
    assertTrue(again.duplicate());
    assertFalse(release(admitted), "release after settle frees nothing");
    assertEquals(new PolicyStore.BudgetUsage(usd("0.002"), 0), usage(rule));

    // Released first (say the stream broke), then the usage arrives: it is still charged, once.
    Admitted late = admitted(request(levels, standard()));
    assertTrue(release(late));
    assertFalse(settle(late, usd("0.003")).duplicate());
    assertTrue(settle(late, usd("0.003")).duplicate());
    assertEquals(new PolicyStore.BudgetUsage(usd("0.005"), 0), usage(rule));
  }

  @Test
  void aBudgetSteersToTheFirstFallbackThatFits() {
    // gpt-4o's worst case is $0.0125, gpt-4o-mini's $0.00075; $0.005 is left.
    BudgetRule rule = budget("0.02", BudgetPeriod.DAY, null, true);
    List<LevelPolicy> levels = List.of(level(TenantLevel.TEAM, "team_fb", null, rule));
    settle(admitted(request(levels, standard())), usd("0.015"));
    Admitted admitted =
        admitted(request(levels, standard(), candidate(SMALL, 1_000, 1_000, 1_000)));
    assertEquals("gpt-4o-mini", admitted.budget().chosenModel());
    assertTrue(admitted.budget().fallback());
    assertEquals(List.of("gpt-4o-mini"), admitted.budget().fittingModels());
    assertTrue(admitted.budget().headerValue().contains("reason=budget"));
    assertTrue(admitted.budget().headerValue().contains("budget=" + rule.id()));
    assertEquals("gpt-4o-mini", admitted.reservation().candidate().model());
    assertEquals(usd("0.00075"), usage(rule).reservedNanos());

    // Nothing fits once even the small model's worst case does not.
    BudgetRule tiny = budget("0.0005", BudgetPeriod.DAY, null, true);
    Refused refused =
        refused(
            request(
                List.of(level(TenantLevel.TEAM, "team_fb2", null, tiny)),
                standard(),
                candidate(SMALL, 1_000, 1_000, 1_000)));
    assertEquals("budget_exceeded", refused.code());
    assertTrue(refused.message().contains("'gpt-4o'"), refused.message());
  }

  @Test
  void anUnlimitedRequestNeedsNoStoreAndAnUnpricedModelIsRefused() {
    Admitted free = admitted(request(List.of(key("key_free", null, null, null)), standard()));
    assertTrue(free.rateLimits().asMap().isEmpty());
    assertNull(free.budget().headerValue());
    assertFalse(settle(free, 5).duplicate());

    Refused unpriced =
        refused(new PolicyRequest("req_unpriced", List.of(), List.of(), "acme/secret-model"));
    assertEquals(403, unpriced.status());
    assertEquals("model_not_priced", unpriced.code());
    assertTrue(unpriced.message().contains("acme/secret-model"));
  }
}
