package ai.hyperion.auth;

import java.util.Objects;

/**
 * What the verifier needs to accept or refuse a presented key, as cached cluster-wide: the stored
 * hash, the status, the expiry and the fully resolved tenant. {@code tenant} is null for an unknown
 * prefix.
 */
public record KeyRecord(
    String prefix, KeyStatus status, byte[] hash, long expiresAtMillis, TenantContext tenant) {

  public static final long NEVER = Long.MAX_VALUE;
  private static final byte[] NO_HASH = new byte[0];

  public KeyRecord {
    Objects.requireNonNull(prefix);
    Objects.requireNonNull(status);
    Objects.requireNonNull(hash);
    if (status != KeyStatus.UNKNOWN) {
      Objects.requireNonNull(tenant);
    }
  }

  public static KeyRecord unknown(String prefix) {
    return new KeyRecord(prefix, KeyStatus.UNKNOWN, NO_HASH, NEVER, null);
  }

  public boolean expiredAt(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }
}
