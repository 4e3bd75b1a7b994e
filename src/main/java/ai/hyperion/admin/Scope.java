package ai.hyperion.admin;

/**
 * Where a target object sits in the tenancy tree: its org, and its team and owning user when it has
 * them (a team's scope names the team itself; a key's names its owner).
 */
public record Scope(String orgId, String teamId, String userId) {

  public static Scope org(String orgId) {
    return new Scope(orgId, null, null);
  }

  public static Scope team(String orgId, String teamId) {
    return new Scope(orgId, teamId, null);
  }
}
