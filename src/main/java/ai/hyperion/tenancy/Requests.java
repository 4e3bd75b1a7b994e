package ai.hyperion.tenancy;

import ai.hyperion.auth.Limits;
import java.util.Map;
import java.util.Set;

/**
 * Admin API request bodies. On create, absent fields take their defaults; on update (PATCH) an
 * absent field is left as it is, and an empty list clears a restriction.
 */
public final class Requests {

  private Requests() {}

  /**
   * {@code ceilings} may be set by platform admins only: the widest allow-lists and limits the
   * org's own admins may give their organisation.
   */
  public record OrganizationRequest(
      String name,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Boolean autoRoutingEnabled,
      Boolean smartRoutingEnabled,
      Map<String, String> metadata,
      Limits limits,
      Ceilings ceilings) {

    public OrganizationRequest(
        String name,
        Set<String> allowedModels,
        Set<String> allowedProviders,
        Boolean autoRoutingEnabled,
        Boolean smartRoutingEnabled,
        Map<String, String> metadata,
        Limits limits) {
      this(
          name,
          allowedModels,
          allowedProviders,
          autoRoutingEnabled,
          smartRoutingEnabled,
          metadata,
          limits,
          null);
    }
  }

  /**
   * An organisation's ceilings, set by a platform admin. An empty list and null limits mean no
   * ceiling; on update the whole object is replaced.
   */
  public record Ceilings(
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Integer requestsPerMinute,
      Integer tokensPerMinute,
      Integer maxConcurrentRequests) {

    public static final Ceilings NONE = new Ceilings(Set.of(), Set.of(), null, null, null);

    public Ceilings {
      allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
      allowedProviders = allowedProviders == null ? Set.of() : Set.copyOf(allowedProviders);
    }

    /** The ceiling limits as a limits level (no budget: budgets have their own org-level cap). */
    public Limits asLimits() {
      return new Limits(requestsPerMinute, tokensPerMinute, maxConcurrentRequests, null);
    }
  }

  public record TeamRequest(
      String name,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Map<String, String> metadata,
      Limits limits) {}

  /** {@code role}: PLATFORM_ADMIN, ORG_ADMIN, TEAM_ADMIN, AUDITOR or MEMBER. */
  public record UserRequest(
      String email, String displayName, String role, String teamId, Limits limits) {}

  /**
   * {@code userId} defaults to the caller; {@code expiresAt} is an ISO-8601 instant; {@code
   * purposes} is {@code ["data-plane"]} (the default), {@code ["admin"]} or both.
   */
  public record KeyRequest(
      String name,
      String userId,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Map<String, String> metadata,
      Set<String> tags,
      Limits limits,
      String expiresAt,
      Set<String> purposes) {

    public KeyRequest(
        String name,
        String userId,
        Set<String> allowedModels,
        Set<String> allowedProviders,
        Map<String, String> metadata,
        Set<String> tags,
        Limits limits,
        String expiresAt) {
      this(name, userId, allowedModels, allowedProviders, metadata, tags, limits, expiresAt, null);
    }
  }
}
