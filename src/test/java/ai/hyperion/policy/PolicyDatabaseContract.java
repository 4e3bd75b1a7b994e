package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldError;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.policy.BudgetRecords.BudgetRequest;
import ai.hyperion.policy.BudgetRecords.BudgetView;
import ai.hyperion.policy.BudgetRecords.SpendView;
import ai.hyperion.provider.Usage;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.TenancyFixture;
import ai.hyperion.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets, the budget directory, spend and the usage ledger against a real database (run once per
 * database by the subclasses), with the tenancy services creating the orgs, teams, users and keys.
 */
abstract class PolicyDatabaseContract {

  TenancyFixture f;
  BudgetDirectory directory;
  PolicyEngine engine;
  BudgetService budgets;
  UsageReports reports;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    f = new TenancyFixture(openDatabase());
    directory = new BudgetDirectory(f.db);
    engine =
        new PolicyEngine(
            new LocalPolicyStore(Clock.systemUTC()),
            Clock.systemUTC(),
            Duration.ofMinutes(15),
            e -> {},
            new PolicyCounters());
    budgets = new BudgetService(f.db, directory, engine);
    reports = new UsageReports(f.db, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  static BudgetRequest budget(String name, String usd, String level, String subjectId) {
    return new BudgetRequest(name, new BigDecimal(usd), "month", null, 80, true, level, subjectId);
  }

  private void assertForbidden(Runnable call) {
    AdminApiException e = assertThrows(AdminApiException.class, call::run);
    assertEquals(403, e.status(), e.getMessage());
  }

  @Test
  void budgetsAreWrittenByOrgAdminsAndReadWithinReach() {
    BudgetView alpha = budgets.create(f.orgAdmin, f.acme, budget("alpha", "50", "team", f.alpha));
    assertEquals("month", alpha.period());
    assertEquals("UTC", alpha.timeZone());
    assertEquals("team", alpha.subjectLevel());
    BudgetView beta = budgets.create(f.orgAdmin, f.acme, budget("beta", "50", "team", f.beta));
    BudgetView mine =
        budgets.create(f.orgAdmin, f.acme, budget("dev", "5", "user", f.member.userId()));

    assertEquals(alpha.id(), budgets.get(f.teamAdmin, f.acme, alpha.id()).id());
    assertForbidden(() -> budgets.get(f.teamAdmin, f.acme, beta.id()));
    assertForbidden(
        () -> budgets.update(f.teamAdmin, f.acme, alpha.id(), budget(null, "500", null, null)));
    assertForbidden(() -> budgets.delete(f.member, f.acme, mine.id()));
    List<String> visible =
        budgets.list(f.member, f.acme, PageRequest.first()).data().stream()
            .map(BudgetView::id)
            .toList();
    assertEquals(List.of(mine.id()), visible);
    assertEquals(3, budgets.list(f.auditor, f.acme, PageRequest.first()).total());

    // An org admin cannot raise (or create) the cap on their own organisation.
    assertForbidden(() -> budgets.create(f.orgAdmin, f.acme, budget("org", "9", "org", f.acme)));
    BudgetView cap = budgets.create(f.platformAdmin, f.acme, budget("org", "9", "org", f.acme));
    assertForbidden(
        () -> budgets.update(f.orgAdmin, f.acme, cap.id(), budget(null, "900", null, null)));
    assertForbidden(() -> budgets.delete(f.orgAdmin, f.acme, cap.id()));

    BudgetView changed =
        budgets.update(
            f.orgAdmin,
            f.acme,
            alpha.id(),
            new BudgetRequest(
                null, new BigDecimal("75.5"), "week", "Europe/Berlin", 0, false, null, null));
    assertEquals(0, new BigDecimal("75.5").compareTo(changed.amountUsd()));
    assertEquals("Europe/Berlin", changed.timeZone());
    assertEquals(null, changed.softThresholdPercent());
    budgets.delete(f.orgAdmin, f.acme, beta.id());
    AdminApiException gone =
        assertThrows(AdminApiException.class, () -> budgets.get(f.orgAdmin, f.acme, beta.id()));
    assertEquals(404, gone.status());
  }

  @Test
  void badBudgetsAreRefusedNamingEveryField() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () ->
                budgets.create(
                    f.orgAdmin,
                    f.acme,
                    new BudgetRequest(
                        " ",
                        new BigDecimal("-1"),
                        "yearly",
                        "Mars/Base",
                        101,
                        null,
                        "team",
                        null)));
    assertEquals(400, e.status());
    List<String> fields = e.fieldErrors().stream().map(FieldError::field).toList();
    assertEquals(
        List.of("name", "amountUsd", "period", "timeZone", "softThresholdPercent", "subjectId"),
        fields);
    AdminApiException notInOrg =
        assertThrows(
            AdminApiException.class,
            () -> budgets.create(f.orgAdmin, f.acme, budget("x", "1", "team", "team_nope")));
    assertEquals("subjectId", notInOrg.param());
  }

  @Test
  void theDirectoryAppliesAttachedAndReferencedBudgetsButNeverAnotherOrgs() {
    BudgetView team = budgets.create(f.orgAdmin, f.acme, budget("team", "50", "team", f.alpha));
    BudgetView pool = budgets.create(f.orgAdmin, f.acme, budget("pool", "10", null, null));
    String other =
        f.orgs
            .create(
                f.platformAdmin,
                new OrganizationRequest("other", null, null, false, false, null, null))
            .id();
    String otherTeam =
        f.teams.create(f.platformAdmin, other, new TeamRequest("t", null, null, null, null)).id();
    BudgetView foreign =
        budgets.create(f.platformAdmin, other, budget("f", "1", "team", otherTeam));

    assertEquals(
        List.of(team.id()), ids(directory.budgetsFor(TenantLevel.TEAM, f.alpha, null, f.acme)));
    assertEquals(
        List.of(team.id(), pool.id()),
        ids(directory.budgetsFor(TenantLevel.TEAM, f.alpha, pool.id(), f.acme)));
    assertEquals(
        List.of(), ids(directory.budgetsFor(TenantLevel.KEY, "key_x", foreign.id(), f.acme)));

    // The request builder puts them on the caller's levels, with the limits of each.
    TenantContext tenant =
        new TenantContext(
            f.acme,
            f.alpha,
            f.member.userId(),
            "key_member",
            "abcd1234",
            AllowList.unrestricted(),
            AllowList.unrestricted(),
            false,
            false,
            Map.of(),
            Set.of(),
            new TenantLimits(
                new Limits(10, null, null, pool.id()), Limits.NONE, Limits.NONE, Limits.NONE),
            UserRole.MEMBER);
    List<LevelPolicy> levels = new PolicyRequests(directory, null, null).levels(tenant);
    assertEquals(4, levels.size());
    assertEquals(TenantLevel.KEY, levels.get(0).level());
    assertEquals(10, levels.get(0).requestsPerMinute());
    assertEquals(List.of(pool.id()), ids(levels.get(0).budgets()));
    assertEquals(List.of(team.id()), ids(levels.get(2).budgets()));
  }

  private static List<String> ids(List<BudgetRule> rules) {
    return rules.stream().map(BudgetRule::id).toList();
  }

  @Test
  void spendShowsWhatIsLeftOfEveryBudgetOfASubject() {
    BudgetView team = budgets.create(f.orgAdmin, f.acme, budget("team", "1", "team", f.alpha));
    BudgetRule rule = directory.budgetsFor(TenantLevel.TEAM, f.alpha, null, f.acme).get(0);
    PolicyDecision.Admitted settled =
        (PolicyDecision.Admitted)
            engine
                .admit(
                    PolicyFixtures.request(
                        List.of(PolicyFixtures.level(TenantLevel.TEAM, f.alpha, null, rule)),
                        PolicyFixtures.standard()))
                .toCompletableFuture()
                .join();
    engine.settle(settled.reservation(), new Usage(0, 25_000), PolicyFixtures.BIG);
    engine.admit(
        PolicyFixtures.request(
            List.of(PolicyFixtures.level(TenantLevel.TEAM, f.alpha, null, rule)),
            PolicyFixtures.standard()));

    List<SpendView> spend = budgets.spendOf(f.teamAdmin, f.acme, TenantLevel.TEAM, f.alpha);
    assertEquals(1, spend.size());
    SpendView view = spend.get(0);
    assertEquals(team.id(), view.budgetId());
    assertEquals("attached", view.via());
    assertEquals(0, new BigDecimal("0.25").compareTo(view.spentUsd()));
    assertEquals(0, new BigDecimal("0.0125").compareTo(view.reservedUsd()));
    assertEquals(0, new BigDecimal("0.7375").compareTo(view.remainingUsd()));
    assertTrue(view.periodStart().isBefore(Instant.now()));
    assertFalse(view.softThresholdReached());
    assertForbidden(() -> budgets.spendOf(f.betaMember, f.acme, TenantLevel.TEAM, f.alpha));
  }

  static LedgerEntry entry(
      String request,
      int attempt,
      Caller who,
      String key,
      String model,
      long costNanos,
      Instant at) {
    return new LedgerEntry(
        request,
        attempt,
        who.orgId(),
        who.teamId(),
        who.userId(),
        key,
        model,
        model,
        "openai",
        100,
        50,
        10,
        costNanos,
        0,
        PriceSource.CATALOG,
        200,
        false,
        false,
        "miss",
        "passthrough",
        120,
        at);
  }

  @Test
  void aCacheHitRowKeepsWhatItSaved() {
    LedgerWriter writer = new LedgerWriter(f.db, 100, 3);
    Instant at = Instant.parse("2030-02-01T08:00:00Z");
    LedgerEntry miss = entry("r-miss", 0, f.member, "key_a", "gpt-4o", 2_100_000, at);
    LedgerEntry hit =
        new LedgerEntry(
            "r-hit",
            0,
            miss.orgId(),
            miss.teamId(),
            miss.userId(),
            "key_a",
            "gpt-4o",
            "gpt-4o",
            "cache",
            0,
            0,
            0,
            0,
            2_100_000,
            PriceSource.CACHE,
            200,
            false,
            false,
            "hit",
            "cache",
            1,
            at);
    writer.offer(miss);
    writer.offer(hit);
    assertEquals(2, writer.flush());
    UsageRecord stored = f.db.inTransaction(em -> em.find(UsageRecord.class, hit.id()));
    assertEquals(0, BigDecimal.ZERO.compareTo(stored.costUsd()));
    assertEquals(0, new BigDecimal("0.0021").compareTo(stored.cacheSavedUsd()));
    assertNull(
        f.db.inTransaction(em -> em.find(UsageRecord.class, miss.id())).cacheSavedUsd(),
        "a miss saved nothing");
  }

  @Test
  void theLedgerWritesEachAttemptOnceAndReportsByGroupAndDay() {
    LedgerWriter writer = new LedgerWriter(f.db, 100, 3);
    Instant day1 = Instant.parse("2030-01-01T10:15:00Z");
    Instant day2 = Instant.parse("2030-01-02T23:59:59Z");
    assertTrue(writer.offer(entry("r1", 0, f.member, "key_a", "gpt-4o", 1_000_000, day1)));
    writer.offer(entry("r1", 0, f.member, "key_a", "gpt-4o", 1_000_000, day1));
    writer.offer(entry("r1", 1, f.member, "key_a", "gpt-4o-mini", 250_000, day1));
    writer.offer(entry("r2", 0, f.member, "key_a", "gpt-4o", 2_000_000, day2));
    writer.offer(entry("r3", 0, f.betaMember, "key_b", "gpt-4o", 4_000_000, day2));
    assertEquals(4, writer.flush());
    writer.offer(entry("r3", 0, f.betaMember, "key_b", "gpt-4o", 4_000_000, day2));
    assertEquals(0, writer.flush(), "an attempt already written stays one row");
    assertEquals(4, f.db.count("UsageRecord"));

    UsageReports.Report byTeamAndDay =
        reports.report(
            f.orgAdmin,
            new UsageReports.Query(
                f.acme, "2030-01-01", "2030-01-03", "team,model", "day", null, null, null, null));
    assertEquals(4, byTeamAndDay.rows().size(), byTeamAndDay.toString());
    assertEquals(4, byTeamAndDay.totals().requests());
    assertEquals(0, new BigDecimal("0.00725").compareTo(byTeamAndDay.totals().costUsd()));
    UsageReports.Row alphaFirstDay =
        byTeamAndDay.rows().stream()
            .filter(
                r ->
                    f.alpha.equals(r.group().get("team"))
                        && "gpt-4o".equals(r.group().get("model"))
                        && "2030-01-01".equals(r.group().get("day")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(byTeamAndDay.toString()));
    assertEquals(1, alphaFirstDay.requests());
    assertEquals(0, new BigDecimal("0.001").compareTo(alphaFirstDay.costUsd()));
    assertEquals(List.of("team", "model"), byTeamAndDay.groupBy());

    // A member sees only their own use, whatever they ask for.
    UsageReports.Report own =
        reports.report(
            f.member,
            new UsageReports.Query(
                null,
                "2030-01-01",
                "2030-01-03",
                "user",
                "none",
                null,
                f.betaMember.userId(),
                null,
                null));
    assertEquals(1, own.rows().size());
    assertEquals(f.member.userId(), own.rows().get(0).group().get("user"));
    assertEquals(3, own.totals().requests());
    assertEquals(300, own.totals().promptTokens());
    AdminApiException otherOrg =
        assertThrows(
            AdminApiException.class,
            () ->
                reports.report(
                    f.orgAdmin,
                    new UsageReports.Query(
                        "org_other", null, null, null, null, null, null, null, null)));
    assertEquals(403, otherOrg.status());

    UsageReports.Report hourly =
        reports.report(
            f.platformAdmin,
            new UsageReports.Query(
                null, "2030-01-02", "2030-01-03", "org", "hour", null, null, null, null));
    assertEquals(1, hourly.rows().size());
    assertEquals("2030-01-02T23:00:00Z", hourly.rows().get(0).group().get("hour"));
    String csv = UsageReports.csv(hourly);
    assertEquals(
        "org,hour,requests,prompt_tokens,completion_tokens,cached_tokens,cost_usd\r\n"
            + f.acme
            + ",2030-01-02T23:00:00Z,2,200,100,20,0.006000000\r\n",
        csv);
  }

  @Test
  void aFullLedgerQueueDropsAndCountsInsteadOfBlocking() {
    LedgerWriter writer = new LedgerWriter(f.db, 2, 10);
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertTrue(writer.offer(entry("q1", 0, f.member, "k", "m", 1, now)));
    assertTrue(writer.offer(entry("q2", 0, f.member, "k", "m", 1, now)));
    assertFalse(writer.offer(entry("q3", 0, f.member, "k", "m", 1, now)));
    assertEquals(1, writer.dropped());
    assertEquals(2, writer.flush());
    assertTrue(writer.offer(entry("q4", 0, f.member, "k", "m", 1, now)));
  }

  @Test
  void badReportParametersAreRefusedNamingThem() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () ->
                reports.report(
                    f.orgAdmin,
                    new UsageReports.Query(
                        f.acme, "yesterday", null, "team,planet", "week", null, null, null, null)));
    assertEquals(
        List.of("from", "groupBy", "bucket"),
        e.fieldErrors().stream().map(FieldError::field).toList());
  }
}
