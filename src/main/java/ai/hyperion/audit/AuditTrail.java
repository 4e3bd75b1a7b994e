package ai.hyperion.audit;

import ai.hyperion.admin.Caller;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The one recorder of the admin audit trail. Services report each change inside the transaction
 * that makes it ({@link #record}), so the change and its record commit together or not at all;
 * refused calls and exports are recorded in a transaction of their own.
 *
 * <p>Each organisation has its own chain ({@link AuditChain}); records of calls refused before any
 * key was accepted go to {@link #PLATFORM_CHAIN}. Appending locks the chain's head row (pessimistic
 * write lock, i.e. {@code SELECT ... FOR UPDATE}) until the transaction ends: writers for the same
 * org on any instance queue on that row, read the head their predecessor left, and never fork the
 * chain; the unique (chain, seq) constraint backs this up. Writers for different orgs do not wait
 * for each other.
 */
@ApplicationScoped
public class AuditTrail {

  /** The chain of refusals that no organisation can be held to (no valid key). */
  public static final String PLATFORM_CHAIN = "_platform";

  /** The {@code changes} column's size. */
  static final int MAX_CHANGES_CHARS = 32000;

  private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

  private final Transactions transactions;
  private final AuditOrigin origin;
  private final Clock clock;

  @Inject
  public AuditTrail(Transactions transactions, AuditOrigin origin) {
    this(transactions, origin, Clock.systemUTC());
  }

  public AuditTrail(Transactions transactions, AuditOrigin origin, Clock clock) {
    this.transactions = transactions;
    this.origin = origin;
    this.clock = clock;
  }

  /** For the CDI proxy only. */
  protected AuditTrail() {
    this(null, null, null);
  }

  /** Records a change made by {@code caller} in the transaction of {@code em}. */
  public AuditRecord record(EntityManager em, Caller caller, AuditEvent event) {
    AuditRecord record =
        new AuditRecord(
            newId(),
            clock.instant(),
            Actor.of(caller),
            origin.current(),
            event.action(),
            event.resourceType(),
            event.resourceId(),
            AuditOutcome.SUCCESS,
            null,
            null,
            Changes.toBoundedJson(event.changes(), MAX_CHANGES_CHARS));
    return append(em, event.orgId(), record);
  }

  /** Records a refused call, in a transaction of its own. */
  public AuditRecord recordRefusal(
      String chainId,
      Actor actor,
      Origin callOrigin,
      AuditAction action,
      String resourceType,
      String resourceId,
      int status,
      String errorCode) {
    AuditOutcome outcome =
        status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.REJECTED;
    AuditRecord record =
        new AuditRecord(
            newId(),
            clock.instant(),
            actor,
            callOrigin,
            action,
            resourceType,
            resourceId,
            outcome,
            status,
            errorCode,
            "[]");
    return transactions.inTransaction(em -> append(em, chainId, record));
  }

  /**
   * Records a read worth keeping (an export of audit data), with what was asked for, in a
   * transaction of its own.
   */
  public AuditRecord recordAccess(
      Caller caller,
      String orgId,
      AuditAction action,
      String resourceType,
      List<FieldChange> asked) {
    AuditRecord record =
        new AuditRecord(
            newId(),
            clock.instant(),
            Actor.of(caller),
            origin.current(),
            action,
            resourceType,
            null,
            AuditOutcome.SUCCESS,
            null,
            null,
            Changes.toBoundedJson(asked, MAX_CHANGES_CHARS));
    return transactions.inTransaction(em -> append(em, orgId, record));
  }

  private AuditRecord append(EntityManager em, String chainId, AuditRecord record) {
    AuditChainHead head = lockHead(em, chainId);
    record.chain(chainId, head.lastSeq() + 1, head.lastHash());
    em.persist(record);
    head.appended(record);
    em.flush();
    return record;
  }

  /**
   * The chain's head, locked for this transaction. A chain's first record creates the head in a
   * transaction of its own first (two instances racing: one insert wins, the other finds it), so
   * the lock is always taken on an existing row.
   */
  static AuditChainHead lockHead(EntityManager em, String chainId, Transactions transactions) {
    AuditChainHead head = em.find(AuditChainHead.class, chainId, LockModeType.PESSIMISTIC_WRITE);
    if (head != null) {
      return head;
    }
    try {
      transactions.inNewTransaction(
          other -> {
            if (other.find(AuditChainHead.class, chainId) == null) {
              other.persist(new AuditChainHead(chainId));
              other.flush();
            }
            return null;
          });
    } catch (RuntimeException raced) {
      // Another writer inserted it first (a duplicate key, however the transaction layer wraps
      // it); the look-up below finds theirs, or fails loudly.
      LOG.fine(() -> "Audit chain " + chainId + " was created concurrently: " + raced);
    }
    head = em.find(AuditChainHead.class, chainId, LockModeType.PESSIMISTIC_WRITE);
    if (head == null) {
      throw new IllegalStateException("Could not create the audit chain head of " + chainId);
    }
    return head;
  }

  private AuditChainHead lockHead(EntityManager em, String chainId) {
    return lockHead(em, chainId, transactions);
  }

  private static String newId() {
    return "aud_" + UUID.randomUUID().toString().replace("-", "");
  }
}
