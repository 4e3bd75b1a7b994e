package ai.hyperion.auth;

/**
 * What a person may do through the admin API. The data plane does not look at roles: any active key
 * may call models its allow-lists permit.
 */
public enum UserRole {
  /**
   * Every organisation; the bootstrap administrator. The only role that creates and deletes orgs.
   */
  PLATFORM_ADMIN,
  /** Everything inside their organisation. */
  ORG_ADMIN,
  /** Users and keys of their own team; reads their team and org. */
  TEAM_ADMIN,
  /** Reads everything in their organisation, including audit and usage; changes nothing. */
  AUDITOR,
  /** Their own keys. */
  MEMBER
}
