package ai.hyperion.mcp;

import ai.hyperion.admin.Caller;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Changes;
import ai.hyperion.dedicated.TokenCipher;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.provider.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Per-org tokens for upstream MCP servers, encrypted at rest with {@link TokenCipher} (the org and
 * server as associated data: a ciphertext copied to another row does not decrypt). The plain token
 * leaves this class only towards the upstream's {@code Authorization} header. Lookups are reused
 * for {@value #TTL_MILLIS} ms.
 */
@ApplicationScoped
public class UpstreamCredentials {

  static final long TTL_MILLIS = 10_000;

  private final Transactions transactions;
  private final AuditTrail trail;
  private final Optional<TokenCipher> cipher;

  /** org/server → the ciphertext (null: none) and when it was read. */
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String cipherText, long readAt) {}

  /** What the admin API shows of a stored token: that it exists, never its value. */
  public record CredentialView(String server, boolean configured, LocalDateTime updatedAt) {}

  @Inject
  public UpstreamCredentials(Transactions transactions, AuditTrail trail) {
    this(
        transactions,
        trail,
        TokenCipher.fromBase64(McpSettings.from(ConfigProvider.getConfig()).tokenKey()));
  }

  public UpstreamCredentials(
      Transactions transactions, AuditTrail trail, Optional<TokenCipher> cipher) {
    this.transactions = transactions;
    this.trail = trail;
    this.cipher = cipher;
  }

  /** For the CDI proxy only. */
  protected UpstreamCredentials() {
    this(null, null, Optional.empty());
  }

  /** The trail's record of a token change: that it was set or removed, never its value. */
  private void audit(
      EntityManager em, Caller caller, String orgId, String server, boolean had, boolean has) {
    trail.record(
        em,
        caller,
        new AuditEvent(
            orgId,
            had && has ? AuditAction.UPDATE : has ? AuditAction.CREATE : AuditAction.DELETE,
            "mcp-credential",
            server,
            List.of(
                Changes.of("token", had ? Changes.SECRET : null, has ? Changes.SECRET : null))));
  }

  public boolean canStore() {
    return cipher.isPresent();
  }

  public Optional<Secret> tokenFor(String orgId, String server) {
    String id = McpCredential.idOf(orgId, server);
    long now = System.currentTimeMillis();
    Cached cached = cache.get(id);
    if (cached == null || now - cached.readAt() >= TTL_MILLIS) {
      String text =
          transactions.inTransaction(
              em -> {
                McpCredential row = em.find(McpCredential.class, id);
                return row == null ? null : row.tokenCipher();
              });
      cached = new Cached(text, now);
      cache.put(id, cached);
    }
    if (cached.cipherText() == null || cipher.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(cipher.get().decrypt(cached.cipherText(), id));
  }

  /** Stores (or replaces) the org's token for the server. */
  public CredentialView put(Caller caller, String orgId, String server, Secret token) {
    TokenCipher aes = cipher.orElseThrow();
    String id = McpCredential.idOf(orgId, server);
    String sealed = aes.encrypt(token, id);
    CredentialView view =
        transactions.inTransaction(
            em -> {
              McpCredential row = em.find(McpCredential.class, id);
              boolean had = row != null;
              if (row == null) {
                row = new McpCredential(orgId, server, sealed);
                em.persist(row);
              } else {
                row.replace(sealed);
              }
              audit(em, caller, orgId, server, had, true);
              return new CredentialView(server, true, row.updatedAt());
            });
    cache.remove(id);
    return view;
  }

  public boolean delete(Caller caller, String orgId, String server) {
    String id = McpCredential.idOf(orgId, server);
    boolean removed =
        transactions.inTransaction(
            em -> {
              McpCredential row = em.find(McpCredential.class, id);
              if (row == null) {
                return false;
              }
              em.remove(row);
              audit(em, caller, orgId, server, true, false);
              return true;
            });
    cache.remove(id);
    return removed;
  }

  public List<CredentialView> list(String orgId) {
    return transactions.inTransaction(
        em ->
            em
                .createQuery(
                    "SELECT c FROM McpCredential c WHERE c.orgId = :org ORDER BY c.serverName",
                    McpCredential.class)
                .setParameter("org", orgId)
                .getResultList()
                .stream()
                .map(c -> new CredentialView(c.serverName(), true, c.updatedAt()))
                .toList());
  }
}
