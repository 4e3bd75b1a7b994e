package ai.hyperion.policy;

import ai.hyperion.persistence.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The budgets as the hot path reads them: an in-memory snapshot of the {@code budgets} table,
 * replaced whole on reload (after every admin change on this instance, and every {@code
 * hyperion.policy.budget-refresh-seconds} for changes made on other instances). Lookups never touch
 * the database. A {@code budgetRef} naming another organisation's budget is ignored (and logged
 * once): a tenant cannot draw on, or learn about, another tenant's budget.
 */
public class BudgetDirectory {

  private static final Logger LOG = Logger.getLogger(BudgetDirectory.class.getName());

  private record Snapshot(Map<String, BudgetRule> byId, Map<String, List<BudgetRule>> bySubject) {}

  private final Transactions transactions;
  private volatile Snapshot snapshot;
  private final Set<String> warnedRefs = ConcurrentHashMap.newKeySet();

  public BudgetDirectory(Transactions transactions) {
    this.transactions = transactions;
  }

  /** Reads every budget again; on a database failure the previous snapshot stays. */
  public void reload() {
    List<BudgetRule> rules =
        transactions.inTransaction(
            em ->
                em.createQuery("select b from Budget b", Budget.class).getResultList().stream()
                    .map(Budget::toRule)
                    .toList());
    Map<String, BudgetRule> byId = new HashMap<>();
    Map<String, List<BudgetRule>> bySubject = new HashMap<>();
    for (BudgetRule rule : rules) {
      byId.put(rule.id(), rule);
      if (rule.subjectLevel() != null) {
        bySubject
            .computeIfAbsent(subject(rule.subjectLevel(), rule.subjectId()), k -> new ArrayList<>())
            .add(rule);
      }
    }
    snapshot = new Snapshot(Map.copyOf(byId), Map.copyOf(bySubject));
  }

  /** Reloads, logging instead of failing (for the periodic refresh). */
  public void refresh() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not refresh the budgets; keeping the previous ones", e);
    }
  }

  /** The budgets attached to one subject, plus the one its {@code budgetRef} names. */
  public List<BudgetRule> budgetsFor(
      TenantLevel level, String subjectId, String budgetRef, String orgId) {
    Snapshot current = snapshot;
    if (current == null) {
      reload();
      current = snapshot;
    }
    List<BudgetRule> attached =
        current.bySubject().getOrDefault(subject(level, subjectId), List.of());
    if (budgetRef == null || budgetRef.isBlank()) {
      return attached;
    }
    BudgetRule referenced = current.byId().get(budgetRef);
    if (referenced == null || !referenced.orgId().equals(orgId)) {
      if (warnedRefs.add(level + ":" + subjectId + ":" + budgetRef)) {
        LOG.warning(
            () ->
                "The "
                    + level.label()
                    + " "
                    + subjectId
                    + " references budget '"
                    + budgetRef
                    + "', which "
                    + (referenced == null ? "does not exist" : "belongs to another organisation")
                    + ": it is ignored.");
      }
      return attached;
    }
    if (attached.stream().anyMatch(rule -> rule.id().equals(referenced.id()))) {
      return attached;
    }
    List<BudgetRule> all = new ArrayList<>(attached);
    all.add(referenced);
    return all;
  }

  private static String subject(TenantLevel level, String id) {
    return level.name() + ":" + id;
  }
}
