package ai.hyperion.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One entry of the admin audit trail. Rows are only ever inserted (by {@link AuditTrail}) and
 * deleted oldest-first by the retention job; nothing updates them. {@code hash} chains the row to
 * the one before it in its organisation's chain ({@link AuditChain}).
 */
@Entity
@Table(name = "audit_events")
public class AuditRecord {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "chain_id", nullable = false, length = 40, updatable = false)
  private String chainId;

  @Column(name = "seq", nullable = false, updatable = false)
  private long seq;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private LocalDateTime occurredAt;

  @Column(name = "actor_user_id", length = 40, updatable = false)
  private String actorUserId;

  @Column(name = "actor_org_id", length = 40, updatable = false)
  private String actorOrgId;

  @Column(name = "actor_key_prefix", length = 16, updatable = false)
  private String actorKeyPrefix;

  @Column(name = "actor_role", length = 20, updatable = false)
  private String actorRole;

  @Column(name = "client_address", length = 64, updatable = false)
  private String clientAddress;

  @Column(name = "user_agent", length = 300, updatable = false)
  private String userAgent;

  @Column(name = "action", nullable = false, length = 20, updatable = false)
  private String action;

  @Column(name = "resource_type", nullable = false, length = 40, updatable = false)
  private String resourceType;

  @Column(name = "resource_id", length = 80, updatable = false)
  private String resourceId;

  @Column(name = "outcome", nullable = false, length = 10, updatable = false)
  private String outcome;

  @Column(name = "status", updatable = false)
  private Integer status;

  @Column(name = "error_code", length = 60, updatable = false)
  private String errorCode;

  @Column(name = "request_method", length = 10, updatable = false)
  private String method;

  @Column(name = "request_path", length = 300, updatable = false)
  private String path;

  @Column(name = "changes", nullable = false, length = 32000, updatable = false)
  private String changes;

  @Column(name = "prev_hash", nullable = false, length = 64, updatable = false)
  private String prevHash;

  @Column(name = "hash", nullable = false, length = 64, updatable = false)
  private String hash;

  protected AuditRecord() {}

  /** Everything but the chain position and hashes, which {@link AuditTrail} sets under lock. */
  AuditRecord(
      String id,
      Instant occurredAt,
      Actor actor,
      Origin origin,
      AuditAction action,
      String resourceType,
      String resourceId,
      AuditOutcome outcome,
      Integer status,
      String errorCode,
      String changes) {
    this.id = id;
    this.occurredAt =
        LocalDateTime.ofInstant(occurredAt.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    this.actorUserId = cut(actor.userId(), 40);
    this.actorOrgId = cut(actor.orgId(), 40);
    this.actorKeyPrefix = cut(actor.keyPrefix(), 16);
    this.actorRole = actor.role();
    this.clientAddress = cut(origin.clientAddress(), 64);
    this.userAgent = cut(origin.userAgent(), 300);
    this.method = cut(origin.method(), 10);
    this.path = cut(origin.path(), 300);
    this.action = action.name();
    this.resourceType = cut(resourceType, 40);
    this.resourceId = cut(resourceId, 80);
    this.outcome = outcome.name();
    this.status = status;
    this.errorCode = cut(errorCode, 60);
    this.changes = changes;
  }

  void chain(String chainId, long seq, String prevHash) {
    this.chainId = chainId;
    this.seq = seq;
    this.prevHash = prevHash;
    this.hash = AuditChain.hash(this);
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  public String id() {
    return id;
  }

  public String chainId() {
    return chainId;
  }

  public long seq() {
    return seq;
  }

  public Instant occurredAt() {
    return occurredAt.toInstant(ZoneOffset.UTC);
  }

  public String actorUserId() {
    return actorUserId;
  }

  public String actorOrgId() {
    return actorOrgId;
  }

  public String actorKeyPrefix() {
    return actorKeyPrefix;
  }

  public String actorRole() {
    return actorRole;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public String userAgent() {
    return userAgent;
  }

  public String action() {
    return action;
  }

  public String resourceType() {
    return resourceType;
  }

  public String resourceId() {
    return resourceId;
  }

  public String outcome() {
    return outcome;
  }

  public Integer status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String changes() {
    return changes;
  }

  public String prevHash() {
    return prevHash;
  }

  public String hash() {
    return hash;
  }
}
