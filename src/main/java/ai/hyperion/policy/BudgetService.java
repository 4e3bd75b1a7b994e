package ai.hyperion.policy;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.auth.Limits;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.policy.BudgetRecords.BudgetRequest;
import ai.hyperion.policy.BudgetRecords.BudgetView;
import ai.hyperion.policy.BudgetRecords.SpendView;
import ai.hyperion.policy.PolicyStore.BudgetUsage;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.tenancy.Team;
import ai.hyperion.tenancy.User;
import ai.hyperion.tenancy.VirtualKey;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Budgets through the admin API: CRUD under the {@link Area#BUDGET} rules (a budget's scope is its
 * subject's: a key's owner and team, a user, a team, or the org), and the current spend of a budget
 * or of everything that applies to one key, user, team or org. Every change reloads the hot-path
 * snapshot on this instance; other instances pick it up on their next refresh.
 */
public class BudgetService {

  /** Redis counts in Lua doubles: nano-dollars stay exact up to 2^53, about $9 million. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("9000000");

  private final Transactions transactions;
  private final BudgetDirectory directory;
  private final PolicyEngine engine;

  public BudgetService(Transactions transactions, BudgetDirectory directory, PolicyEngine engine) {
    this.transactions = transactions;
    this.directory = directory;
    this.engine = engine;
  }

  public Page<BudgetView> list(Caller caller, String orgId, PageRequest page) {
    if (!AccessPolicy.reach(caller.role(), Area.BUDGET, Access.READ)
        .covers(caller, orgScope(caller, orgId))) {
      throw AdminApiException.forbidden(caller.role(), Access.READ, Area.BUDGET);
    }
    List<BudgetView> visible =
        transactions.inTransaction(
            em -> {
              List<BudgetView> out = new ArrayList<>();
              for (Budget budget :
                  em.createQuery(
                          "select b from Budget b where b.orgId = :org order by b.createdAt, b.id",
                          Budget.class)
                      .setParameter("org", orgId)
                      .getResultList()) {
                if (AccessPolicy.permits(caller, Area.BUDGET, Access.READ, scopeOf(em, budget))) {
                  out.add(BudgetView.of(budget));
                }
              }
              return out;
            });
    int from = Math.min(page.offset(), visible.size());
    int to = Math.min(from + page.limit(), visible.size());
    return Page.of(visible.subList(from, to), visible.size(), page);
  }

  public BudgetView get(Caller caller, String orgId, String budgetId) {
    return transactions.inTransaction(
        em -> {
          Budget budget = find(em, orgId, budgetId);
          AccessPolicy.require(caller, Area.BUDGET, Access.READ, scopeOf(em, budget));
          return BudgetView.of(budget);
        });
  }

  public BudgetView create(Caller caller, String orgId, BudgetRequest request) {
    validate(request, true);
    BudgetView created =
        transactions.inTransaction(
            em -> {
              if (em.find(Organization.class, orgId) == null) {
                if (!AccessPolicy.permits(caller, Area.BUDGET, Access.WRITE, Scope.org(orgId))) {
                  throw AdminApiException.forbidden(caller.role(), Access.WRITE, Area.BUDGET);
                }
                throw AdminApiException.notFound("organisation", orgId);
              }
              Budget budget = new Budget(orgId, request.name().trim());
              apply(em, budget, request);
              requireWrite(caller, em, budget);
              em.persist(budget);
              em.flush();
              return BudgetView.of(budget);
            });
    directory.reload();
    return created;
  }

  public BudgetView update(Caller caller, String orgId, String budgetId, BudgetRequest request) {
    validate(request, false);
    BudgetView updated =
        transactions.inTransaction(
            em -> {
              Budget budget = find(em, orgId, budgetId);
              requireWrite(caller, em, budget);
              if (request.name() != null) {
                budget.name(request.name().trim());
              }
              apply(em, budget, request);
              requireWrite(caller, em, budget);
              em.flush();
              return BudgetView.of(budget);
            });
    directory.reload();
    return updated;
  }

  public void delete(Caller caller, String orgId, String budgetId) {
    transactions.inTransaction(
        em -> {
          Budget budget = find(em, orgId, budgetId);
          requireWrite(caller, em, budget);
          em.remove(budget);
          return null;
        });
    directory.reload();
  }

  /** One budget's current period. */
  public SpendView spend(Caller caller, String orgId, String budgetId) {
    Budget budget =
        transactions.inTransaction(
            em -> {
              Budget found = find(em, orgId, budgetId);
              AccessPolicy.require(caller, Area.BUDGET, Access.READ, scopeOf(em, found));
              return found;
            });
    return spendOf(budget.toRule(), budget.subjectLevel() == null ? "budgetRef" : "attached");
  }

  /** Every budget that applies to one subject: those attached to it and the one it references. */
  public List<SpendView> spendOf(Caller caller, String orgId, TenantLevel level, String subjectId) {
    List<Applicable> applicable =
        transactions.inTransaction(
            em -> {
              Subject subject = subject(em, orgId, level, subjectId);
              AccessPolicy.require(caller, Area.USAGE, Access.READ, subject.scope());
              List<Applicable> out = new ArrayList<>();
              for (Budget budget :
                  em.createQuery(
                          "select b from Budget b where b.orgId = :org and b.subjectType = :type"
                              + " and b.subjectId = :id order by b.createdAt, b.id",
                          Budget.class)
                      .setParameter("org", orgId)
                      .setParameter("type", level.name())
                      .setParameter("id", subjectId)
                      .getResultList()) {
                out.add(new Applicable(budget.toRule(), "attached"));
              }
              String ref = subject.limits().budgetRef();
              if (ref != null) {
                Budget referenced = em.find(Budget.class, ref);
                if (referenced != null
                    && referenced.orgId().equals(orgId)
                    && out.stream().noneMatch(a -> a.rule().id().equals(ref))) {
                  out.add(new Applicable(referenced.toRule(), "budgetRef"));
                }
              }
              return out;
            });
    return applicable.stream().map(a -> spendOf(a.rule(), a.via())).toList();
  }

  private SpendView spendOf(BudgetRule rule, String via) {
    BudgetUsage usage;
    try {
      usage = engine.usage(rule).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable();
    }
    BudgetPeriod.Window window = rule.window(Instant.now());
    long remaining = Math.max(0, rule.amountNanos() - usage.spentNanos() - usage.reservedNanos());
    long threshold = rule.thresholdNanos();
    return new SpendView(
        rule.id(),
        rule.name(),
        via,
        rule.period().name().toLowerCase(Locale.ROOT),
        window.key(),
        window.start(),
        window.end(),
        Money.usd(rule.amountNanos()),
        Money.usd(usage.spentNanos()),
        Money.usd(usage.reservedNanos()),
        Money.usd(remaining),
        rule.softThresholdPercent(),
        threshold >= 0 && usage.spentNanos() >= threshold,
        rule.hardCutoff());
  }

  private static AdminApiException unavailable() {
    return new AdminApiException(
        503,
        "policy_store_unavailable",
        "The spend counters did not answer; retry shortly.",
        List.of());
  }

  /** Writing a budget attached to the org itself needs PLATFORM write (no self-loosening). */
  private static void requireWrite(Caller caller, EntityManager em, Budget budget) {
    AccessPolicy.require(caller, Area.BUDGET, Access.WRITE, scopeOf(em, budget));
    if (budget.subjectLevel() == TenantLevel.ORG
        && !AccessPolicy.permits(caller, Area.PLATFORM, Access.WRITE, Scope.org(budget.orgId()))) {
      throw AdminApiException.forbidden(
          "Only a platform administrator may change a budget attached to an organisation.");
    }
  }

  private static Scope orgScope(Caller caller, String orgId) {
    // Listing: each budget is then checked on its own; here only "may see anything in this org".
    return new Scope(orgId, caller.teamId(), caller.userId());
  }

  static Budget find(EntityManager em, String orgId, String budgetId) {
    Budget budget = em.find(Budget.class, budgetId);
    if (budget == null || !budget.orgId().equals(orgId)) {
      throw AdminApiException.notFound("budget", budgetId);
    }
    return budget;
  }

  private record Subject(Scope scope, Limits limits) {}

  private record Applicable(BudgetRule rule, String via) {}

  private static Subject subject(EntityManager em, String orgId, TenantLevel level, String id) {
    switch (level) {
      case KEY -> {
        VirtualKey key = em.find(VirtualKey.class, id);
        if (key != null && key.orgId().equals(orgId)) {
          return new Subject(new Scope(orgId, key.teamId(), key.userId()), key.limits());
        }
      }
      case USER -> {
        User user = em.find(User.class, id);
        if (user != null && user.orgId().equals(orgId)) {
          return new Subject(new Scope(orgId, user.teamId(), user.id()), user.limits());
        }
      }
      case TEAM -> {
        Team team = em.find(Team.class, id);
        if (team != null && team.orgId().equals(orgId)) {
          return new Subject(Scope.team(orgId, team.id()), team.limits());
        }
      }
      case ORG -> {
        Organization org = em.find(Organization.class, id);
        if (org != null && org.id().equals(orgId)) {
          return new Subject(Scope.org(orgId), org.limits());
        }
      }
    }
    throw AdminApiException.notFound(level.label(), id);
  }

  /** Where a budget sits in the tenancy tree: its subject's place, or the org's. */
  static Scope scopeOf(EntityManager em, Budget budget) {
    if (budget.subjectLevel() == null) {
      return Scope.org(budget.orgId());
    }
    try {
      return subject(em, budget.orgId(), budget.subjectLevel(), budget.subjectId()).scope();
    } catch (AdminApiException subjectGone) {
      return Scope.org(budget.orgId());
    }
  }

  private static void validate(BudgetRequest request, boolean creating) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors = new FieldErrors().name("name", request.name(), creating);
    if (request.amountUsd() == null) {
      if (creating) {
        errors.add("amountUsd", "is required");
      }
    } else if (request.amountUsd().signum() < 0 || request.amountUsd().compareTo(MAX_AMOUNT) > 0) {
      errors.add("amountUsd", "must be between 0 and " + MAX_AMOUNT.toPlainString());
    } else if (request.amountUsd().stripTrailingZeros().scale() > 6) {
      errors.add("amountUsd", "must have at most 6 decimal places");
    }
    if (request.period() != null && parsePeriod(request.period()) == null) {
      errors.add("period", "must be one of day, week, month, total");
    }
    if (request.timeZone() != null && parseZone(request.timeZone()) == null) {
      errors.add("timeZone", "must be an IANA time zone such as UTC or Europe/Berlin");
    }
    Integer soft = request.softThresholdPercent();
    if (soft != null && (soft < 0 || soft > 100)) {
      errors.add("softThresholdPercent", "must be between 1 and 100, or 0 for none");
    }
    if ((request.subjectLevel() == null) != (request.subjectId() == null)) {
      errors.add(
          request.subjectLevel() == null ? "subjectLevel" : "subjectId",
          "subjectLevel and subjectId go together");
    } else if (request.subjectLevel() != null) {
      try {
        TenantLevel.parse(request.subjectLevel());
      } catch (IllegalArgumentException e) {
        errors.add("subjectLevel", "must be one of key, user, team, org");
      }
    }
    errors.throwIfAny();
  }

  private static void apply(EntityManager em, Budget budget, BudgetRequest request) {
    if (request.amountUsd() != null) {
      budget.amountUsd(request.amountUsd());
    }
    if (request.period() != null) {
      budget.period(parsePeriod(request.period()));
    }
    if (request.timeZone() != null) {
      budget.zone(parseZone(request.timeZone()));
    }
    if (request.softThresholdPercent() != null) {
      budget.softThresholdPercent(
          request.softThresholdPercent() == 0 ? null : request.softThresholdPercent());
    }
    if (request.hardCutoff() != null) {
      budget.hardCutoff(request.hardCutoff());
    }
    if (request.subjectLevel() != null) {
      TenantLevel level = TenantLevel.parse(request.subjectLevel());
      try {
        subject(em, budget.orgId(), level, request.subjectId());
      } catch (AdminApiException notFound) {
        throw AdminApiException.invalid(
            "subjectId", "no " + level.label() + " with this id in the organisation");
      }
      budget.subject(level, request.subjectId());
    }
  }

  private static BudgetPeriod parsePeriod(String value) {
    try {
      return BudgetPeriod.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ZoneId parseZone(String value) {
    try {
      return ZoneId.of(value.trim());
    } catch (DateTimeException e) {
      return null;
    }
  }
}
