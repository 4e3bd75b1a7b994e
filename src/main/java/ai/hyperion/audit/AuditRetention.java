package ai.hyperion.audit;

import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The only deleter of audit records: removes each chain's records older than the retention period,
 * oldest first, and moves the chain's anchor ({@code prunedSeq}, {@code prunedHash}) to the last
 * one deleted, in the same transaction, so the rest still verifies and a deletion by anyone else
 * does not. It checks the links of what it deletes and stops at a broken one, leaving the evidence
 * in place.
 */
@ApplicationScoped
public class AuditRetention {

  static final int BATCH = 500;
  private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

  private final Transactions transactions;

  @Inject
  public AuditRetention(Transactions transactions) {
    this.transactions = transactions;
  }

  /** For the CDI proxy only. */
  protected AuditRetention() {
    this(null);
  }

  /** Prunes every chain; returns how many records were deleted. */
  public long pruneAll(Instant cutoff) {
    List<String> chains =
        transactions.inTransaction(
            em ->
                em.createQuery("select h.chainId from AuditChainHead h", String.class)
                    .getResultList());
    long deleted = 0;
    for (String chain : chains) {
      deleted += prune(chain, cutoff);
    }
    return deleted;
  }

  /** Prunes one chain's records older than {@code cutoff}, in batches. */
  public long prune(String chainId, Instant cutoff) {
    long total = 0;
    while (true) {
      int deleted = transactions.inTransaction(em -> pruneBatch(em, chainId, cutoff));
      total += deleted;
      if (deleted < BATCH) {
        return total;
      }
    }
  }

  private int pruneBatch(EntityManager em, String chainId, Instant cutoff) {
    AuditChainHead head = AuditTrail.lockHead(em, chainId, transactions);
    List<AuditRecord> oldest =
        em.createQuery(
                "select r from AuditRecord r where r.chainId = :chain and r.seq > :pruned"
                    + " order by r.seq",
                AuditRecord.class)
            .setParameter("chain", chainId)
            .setParameter("pruned", head.prunedSeq())
            .setMaxResults(BATCH)
            .getResultList();
    String expectedPrev = head.prunedHash();
    long expectedSeq = head.prunedSeq() + 1;
    AuditRecord lastDeleted = null;
    for (AuditRecord record : oldest) {
      if (!record.occurredAt().isBefore(cutoff)) {
        break;
      }
      if (record.seq() != expectedSeq
          || !record.prevHash().equals(expectedPrev)
          || !AuditChain.hash(record).equals(record.hash())) {
        long brokenAt = expectedSeq;
        LOG.severe(
            () ->
                "Audit chain "
                    + chainId
                    + " is broken at record "
                    + brokenAt
                    + ": retention stops there and keeps the evidence.");
        break;
      }
      lastDeleted = record;
      expectedPrev = record.hash();
      expectedSeq++;
    }
    if (lastDeleted == null) {
      return 0;
    }
    int deleted =
        em.createQuery("delete from AuditRecord r where r.chainId = :chain and r.seq <= :last")
            .setParameter("chain", chainId)
            .setParameter("last", lastDeleted.seq())
            .executeUpdate();
    head.pruned(lastDeleted);
    LOG.fine(() -> "Retention deleted " + deleted + " audit records of " + chainId);
    return deleted;
  }
}
