package ai.hyperion.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, resolved from the API key by the identity stage and read by every later stage
 * (policy limits, routing allow-lists, audit). The allow-lists are already the intersection of the
 * key's, the team's and the org's lists. {@code teamId} is null for a key outside any team. {@code
 * purposes} says which planes the key opens ({@link KeyPurpose}).
 */
public record TenantContext(
    String orgId,
    String teamId,
    String userId,
    String keyId,
    String keyPrefix,
    AllowList models,
    AllowList providers,
    boolean autoRoutingEnabled,
    boolean smartRoutingEnabled,
    Map<String, String> metadata,
    Set<String> tags,
    TenantLimits limits,
    UserRole role,
    Set<KeyPurpose> purposes) {

  public TenantContext {
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(models);
    Objects.requireNonNull(providers);
    metadata = Map.copyOf(metadata);
    tags = Set.copyOf(tags);
    Objects.requireNonNull(limits);
    Objects.requireNonNull(role);
    purposes = Set.copyOf(purposes);
  }

  /** A key for both planes: what tests and tools that predate key purposes build. */
  public TenantContext(
      String orgId,
      String teamId,
      String userId,
      String keyId,
      String keyPrefix,
      AllowList models,
      AllowList providers,
      boolean autoRoutingEnabled,
      boolean smartRoutingEnabled,
      Map<String, String> metadata,
      Set<String> tags,
      TenantLimits limits,
      UserRole role) {
    this(
        orgId,
        teamId,
        userId,
        keyId,
        keyPrefix,
        models,
        providers,
        autoRoutingEnabled,
        smartRoutingEnabled,
        metadata,
        tags,
        limits,
        role,
        KeyPurpose.BOTH);
  }

  public boolean allows(KeyPurpose purpose) {
    return purposes.contains(purpose);
  }

  public boolean mayUse(String model) {
    return models.permits(model);
  }

  public boolean mayUseProvider(String provider) {
    return providers.permits(provider);
  }

  /**
   * Whether a request may use a catalog model: the name asked for (or the model's catalog id, so an
   * alias of an allowed model is allowed) passes the model allow-list, and its provider passes the
   * provider allow-list.
   */
  public boolean mayUse(String requestedName, String catalogId, String provider) {
    return (mayUse(requestedName) || mayUse(catalogId)) && mayUseProvider(provider);
  }
}
