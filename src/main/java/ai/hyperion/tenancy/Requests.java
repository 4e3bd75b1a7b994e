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

  public record OrganizationRequest(
      String name,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Boolean autoRoutingEnabled,
      Boolean smartRoutingEnabled,
      Map<String, String> metadata,
      Limits limits) {}

  public record TeamRequest(
      String name,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Map<String, String> metadata,
      Limits limits) {}

  /** {@code role}: PLATFORM_ADMIN, ORG_ADMIN, TEAM_ADMIN, AUDITOR or MEMBER. */
  public record UserRequest(
      String email, String displayName, String role, String teamId, Limits limits) {}

  /** {@code userId} defaults to the caller; {@code expiresAt} is an ISO-8601 instant. */
  public record KeyRequest(
      String name,
      String userId,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Map<String, String> metadata,
      Set<String> tags,
      Limits limits,
      String expiresAt) {}
}
