package ai.hyperion.audit;

import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Verifies an organisation's audit chain from the first record retention kept to the head, reading
 * it page by page. Records appended after the verification started are not part of it.
 */
@ApplicationScoped
public class AuditVerifier {

  static final int PAGE = 500;

  private final Transactions transactions;

  @Inject
  public AuditVerifier(Transactions transactions) {
    this.transactions = transactions;
  }

  /** For the CDI proxy only. */
  protected AuditVerifier() {
    this(null);
  }

  public ChainVerification verify(String chainId) {
    AuditChainHead head = transactions.inTransaction(em -> em.find(AuditChainHead.class, chainId));
    if (head == null) {
      return new ChainVerification(chainId, true, 0, 0, 0, AuditChain.GENESIS, null, null);
    }
    long expectedSeq = head.prunedSeq() + 1;
    String expectedPrev = head.prunedHash();
    long checked = 0;
    while (expectedSeq <= head.lastSeq()) {
      long from = expectedSeq;
      List<AuditRecord> page =
          transactions.inTransaction(
              em ->
                  em.createQuery(
                          "select r from AuditRecord r where r.chainId = :chain and r.seq >= :from"
                              + " and r.seq <= :to order by r.seq",
                          AuditRecord.class)
                      .setParameter("chain", chainId)
                      .setParameter("from", from)
                      .setParameter("to", head.lastSeq())
                      .setMaxResults(PAGE)
                      .getResultList());
      if (page.isEmpty()) {
        return broken(head, checked, expectedSeq, "records up to the head are missing");
      }
      for (AuditRecord record : page) {
        if (record.seq() != expectedSeq) {
          return broken(head, checked, expectedSeq, "is missing");
        }
        if (!record.prevHash().equals(expectedPrev)) {
          return broken(head, checked, record.seq(), "does not link to the record before it");
        }
        if (!AuditChain.hash(record).equals(record.hash())) {
          return broken(head, checked, record.seq(), "its content does not match its hash");
        }
        checked++;
        expectedPrev = record.hash();
        expectedSeq++;
      }
    }
    if (!expectedPrev.equals(head.lastHash())) {
      return broken(head, checked, head.lastSeq(), "the last record is not the chain's head");
    }
    return new ChainVerification(
        chainId, true, checked, head.prunedSeq() + 1, head.lastSeq(), head.lastHash(), null, null);
  }

  private static ChainVerification broken(
      AuditChainHead head, long checked, long seq, String problem) {
    return new ChainVerification(
        head.chainId(),
        false,
        checked,
        head.prunedSeq() + 1,
        head.lastSeq(),
        head.lastHash(),
        seq,
        "Record " + seq + ": " + problem + ".");
  }
}
