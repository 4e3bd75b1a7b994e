package ai.hyperion.admin;

/** How far a role's permission on an area extends from the caller. */
public enum Reach {
  NONE,
  OWN_USER,
  OWN_TEAM,
  OWN_ORG,
  ALL;

  public boolean covers(Caller caller, Scope target) {
    return switch (this) {
      case NONE -> false;
      case ALL -> true;
      case OWN_ORG -> caller.orgId().equals(target.orgId());
      case OWN_TEAM ->
          caller.orgId().equals(target.orgId())
              && caller.teamId() != null
              && caller.teamId().equals(target.teamId());
      case OWN_USER ->
          caller.orgId().equals(target.orgId()) && caller.userId().equals(target.userId());
    };
  }
}
