package ai.hyperion.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of one organisation's audit chain: the last sequence number and hash written, and how
 * far retention has pruned. Appending locks this row (SELECT ... FOR UPDATE), so two writers for
 * one org, on one instance or many, take turns and never fork the chain.
 */
@Entity
@Table(name = "audit_chain_heads")
public class AuditChainHead {

  @Id
  @Column(name = "chain_id", length = 40)
  private String chainId;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "last_hash", nullable = false, length = 64)
  private String lastHash;

  /** Records with {@code seq <= prunedSeq} were deleted by retention. */
  @Column(name = "pruned_seq", nullable = false)
  private long prunedSeq;

  /** The hash of the record at {@code prunedSeq}: the anchor the first kept record links to. */
  @Column(name = "pruned_hash", nullable = false, length = 64)
  private String prunedHash;

  protected AuditChainHead() {}

  AuditChainHead(String chainId) {
    this.chainId = chainId;
    this.lastSeq = 0;
    this.lastHash = AuditChain.GENESIS;
    this.prunedSeq = 0;
    this.prunedHash = AuditChain.GENESIS;
  }

  void appended(AuditRecord record) {
    lastSeq = record.seq();
    lastHash = record.hash();
  }

  void pruned(AuditRecord lastDeleted) {
    prunedSeq = lastDeleted.seq();
    prunedHash = lastDeleted.hash();
  }

  public String chainId() {
    return chainId;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public String lastHash() {
    return lastHash;
  }

  public long prunedSeq() {
    return prunedSeq;
  }

  public String prunedHash() {
    return prunedHash;
  }
}
