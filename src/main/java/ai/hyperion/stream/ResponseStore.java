package ai.hyperion.stream;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where requests' answers are kept for {@code GET /v1/requests/{id}} (DESIGN.md §6): the embedded
 * default is {@link FileResponseStore}, a cluster uses {@link S3ResponseStore}; {@link
 * EncryptedResponseStore} wraps either. Entries are opaque bytes under an organisation and a
 * request id (both limited to {@code [A-Za-z0-9_-]}, so a key never escapes its organisation).
 * Implementations block on I/O: callers run them on a managed executor, never on a request or
 * upstream thread.
 */
public interface ResponseStore {

  void put(String orgId, String requestId, Instant createdAt, byte[] data);

  Optional<byte[]> get(String orgId, String requestId);

  boolean delete(String orgId, String requestId);

  /** The organisations that have entries (the retention sweeper walks them). */
  Set<String> orgs();

  /** Deletes the organisation's entries created before {@code cutoff}; returns how many. */
  int deleteCreatedBefore(String orgId, Instant cutoff);

  /** Whether {@code value} may be an organisation or request id in a store key. */
  static boolean validKey(String value) {
    if (value == null || value.isEmpty() || value.length() > 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static void requireKey(String orgId, String requestId) {
    if (!validKey(orgId) || !validKey(requestId)) {
      throw new IllegalArgumentException("not a store key: " + orgId + "/" + requestId);
    }
  }
}
