package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.tenancy.Requests.Ceilings;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the admin API returns; never a key hash, a key secret only in {@link CreatedKey}. */
public final class Views {

  private Views() {}

  public record OrganizationView(
      String id,
      String name,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      boolean autoRoutingEnabled,
      boolean smartRoutingEnabled,
      Map<String, String> metadata,
      Limits limits,
      Ceilings ceilings,
      Instant createdAt,
      Instant updatedAt) {

    static OrganizationView of(Organization o) {
      return new OrganizationView(
          o.id(),
          o.name(),
          o.allowedModels(),
          o.allowedProviders(),
          o.autoRoutingEnabled(),
          o.smartRoutingEnabled(),
          o.metadata(),
          o.limits(),
          o.ceilings(),
          o.createdAt(),
          o.updatedAt());
    }
  }

  public record TeamView(
      String id,
      String orgId,
      String name,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Map<String, String> metadata,
      Limits limits,
      Instant createdAt,
      Instant updatedAt) {

    static TeamView of(Team t) {
      return new TeamView(
          t.id(),
          t.orgId(),
          t.name(),
          t.allowedModels(),
          t.allowedProviders(),
          t.metadata(),
          t.limits(),
          t.createdAt(),
          t.updatedAt());
    }
  }

  public record UserView(
      String id,
      String orgId,
      String teamId,
      String email,
      String displayName,
      String role,
      Limits limits,
      Instant createdAt,
      Instant updatedAt) {

    static UserView of(User u) {
      return new UserView(
          u.id(),
          u.orgId(),
          u.teamId(),
          u.email(),
          u.displayName(),
          u.role().name(),
          u.limits(),
          u.createdAt(),
          u.updatedAt());
    }
  }

  /** A key as listed: the public prefix only. {@code status} is active, revoked or expired. */
  public record KeyView(
      String id,
      String prefix,
      String display,
      String name,
      String orgId,
      String teamId,
      String userId,
      Set<String> allowedModels,
      Set<String> allowedProviders,
      Map<String, String> metadata,
      Set<String> tags,
      Limits limits,
      Instant expiresAt,
      Instant revokedAt,
      String replacedBy,
      String status,
      Set<String> purposes,
      Instant createdAt,
      Instant updatedAt) {

    static KeyView of(VirtualKey k, Instant now) {
      String status =
          k.revoked()
              ? "revoked"
              : k.expiresAt() != null && !k.expiresAt().isAfter(now) ? "expired" : "active";
      return new KeyView(
          k.id(),
          k.prefix(),
          VirtualKeyFormat.display(k.prefix()),
          k.name(),
          k.orgId(),
          k.teamId(),
          k.userId(),
          k.allowedModels(),
          k.allowedProviders(),
          k.metadata(),
          k.tags(),
          k.limits(),
          k.expiresAt(),
          k.revokedAt(),
          k.replacedBy(),
          status,
          k.purposes().stream()
              .map(KeyPurpose::wireName)
              .collect(Collectors.toCollection(TreeSet::new)),
          k.createdAt(),
          k.updatedAt());
    }
  }

  /** The answer to creating or rotating a key: the only time the full key is ever shown. */
  public record CreatedKey(String key, KeyView details) {
    @Override
    public String toString() {
      return "CreatedKey[" + details.display() + "]";
    }
  }

  /** Who the caller is. */
  public record CallerView(
      String userId, String orgId, String teamId, String role, String keyPrefix) {}
}
