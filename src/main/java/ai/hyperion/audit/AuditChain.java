package ai.hyperion.audit;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail.
 *
 * <p><b>Canonical form (version 1)</b> of a record: the UTF-8 bytes of one JSON object, without
 * white space, whose members are, in this order: {@code v} (1), {@code chain}, {@code seq}, {@code
 * id}, {@code occurredAt} (UTC, {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}), {@code actorUserId}, {@code
 * actorOrgId}, {@code actorKeyPrefix}, {@code actorRole}, {@code clientAddress}, {@code userAgent},
 * {@code action}, {@code resourceType}, {@code resourceId}, {@code outcome}, {@code status}, {@code
 * errorCode}, {@code method}, {@code path}, {@code changes} (the stored JSON text, as a string) and
 * {@code prevHash}; absent values are JSON {@code null}, strings use JSON's escapes (Jackson's:
 * only {@code "}, {@code \}, and control characters escaped). The record's {@code hash} is the
 * lower-case hex SHA-256 of that form; {@code prevHash} is the hash of the record before it in the
 * same chain, {@link #GENESIS} for the first. Editing any column of a row, deleting or inserting a
 * row breaks the chain at that row.
 */
public final class AuditChain {

  public static final String GENESIS = "0".repeat(64);
  static final int VERSION = 1;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  public static String canonical(AuditRecord r) {
    ObjectNode node = Json.object();
    node.put("v", VERSION);
    node.put("chain", r.chainId());
    node.put("seq", r.seq());
    node.put("id", r.id());
    node.put("occurredAt", TIME.format(r.occurredAt()));
    node.put("actorUserId", r.actorUserId());
    node.put("actorOrgId", r.actorOrgId());
    node.put("actorKeyPrefix", r.actorKeyPrefix());
    node.put("actorRole", r.actorRole());
    node.put("clientAddress", r.clientAddress());
    node.put("userAgent", r.userAgent());
    node.put("action", r.action());
    node.put("resourceType", r.resourceType());
    node.put("resourceId", r.resourceId());
    node.put("outcome", r.outcome());
    node.put("status", r.status());
    node.put("errorCode", r.errorCode());
    node.put("method", r.method());
    node.put("path", r.path());
    node.put("changes", r.changes());
    node.put("prevHash", r.prevHash());
    return node.toString();
  }

  public static String hash(AuditRecord record) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(record).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
