package ai.hyperion.admin;

import ai.hyperion.auth.UserRole;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's role matrix, in one place. Every admin operation asks it first; a refusal is a
 * 403 before anything is read for writing or changed.
 *
 * <pre>
 *                PLATFORM ORG    TEAM   USER    KEY     AUDIT USAGE  BUDGET  ENDPOINT
 * PLATFORM_ADMIN rw all   rw all rw all rw all  rw all  r all r all  rw all  rw all
 * ORG_ADMIN      -        rw org rw org rw org  rw org  r org r org  rw org* rw org
 * TEAM_ADMIN     -        r org  r team rw team rw team -     r team r team  rw team
 * AUDITOR        -        r org  r org  r org   r org   r org r org  r org   r org
 * MEMBER         -        -      -      r self  rw self -     r self r self  r team
 *
 * * except budgets attached to the organisation itself (PLATFORM write): see {@link Area#BUDGET}.
 * </pre>
 */
public final class AccessPolicy {

  private static final Map<UserRole, Map<Area, Reach[]>> MATRIX = new EnumMap<>(UserRole.class);

  static {
    for (UserRole role : UserRole.values()) {
      MATRIX.put(role, new EnumMap<>(Area.class));
    }
    for (Area area : Area.values()) {
      grant(UserRole.PLATFORM_ADMIN, area, Reach.ALL, Reach.ALL);
    }
    grant(UserRole.ORG_ADMIN, Area.ORG, Reach.OWN_ORG, Reach.OWN_ORG);
    grant(UserRole.ORG_ADMIN, Area.TEAM, Reach.OWN_ORG, Reach.OWN_ORG);
    grant(UserRole.ORG_ADMIN, Area.USER, Reach.OWN_ORG, Reach.OWN_ORG);
    grant(UserRole.ORG_ADMIN, Area.KEY, Reach.OWN_ORG, Reach.OWN_ORG);
    grant(UserRole.ORG_ADMIN, Area.AUDIT, Reach.OWN_ORG, Reach.NONE);
    grant(UserRole.ORG_ADMIN, Area.USAGE, Reach.OWN_ORG, Reach.NONE);
    grant(UserRole.ORG_ADMIN, Area.BUDGET, Reach.OWN_ORG, Reach.OWN_ORG);

    grant(UserRole.TEAM_ADMIN, Area.ORG, Reach.OWN_ORG, Reach.NONE);
    grant(UserRole.TEAM_ADMIN, Area.TEAM, Reach.OWN_TEAM, Reach.NONE);
    grant(UserRole.TEAM_ADMIN, Area.USER, Reach.OWN_TEAM, Reach.OWN_TEAM);
    grant(UserRole.TEAM_ADMIN, Area.KEY, Reach.OWN_TEAM, Reach.OWN_TEAM);
    grant(UserRole.TEAM_ADMIN, Area.USAGE, Reach.OWN_TEAM, Reach.NONE);
    grant(UserRole.TEAM_ADMIN, Area.BUDGET, Reach.OWN_TEAM, Reach.NONE);
    // Dedicated endpoints hold GPUs that cost money by the hour: only admins provision them.
    grant(UserRole.ORG_ADMIN, Area.ENDPOINT, Reach.OWN_ORG, Reach.OWN_ORG);
    grant(UserRole.TEAM_ADMIN, Area.ENDPOINT, Reach.OWN_TEAM, Reach.OWN_TEAM);
    grant(UserRole.MEMBER, Area.ENDPOINT, Reach.OWN_TEAM, Reach.NONE);

    for (Area area :
        Set.of(
            Area.ORG,
            Area.TEAM,
            Area.USER,
            Area.KEY,
            Area.AUDIT,
            Area.USAGE,
            Area.BUDGET,
            Area.ENDPOINT)) {
      grant(UserRole.AUDITOR, area, Reach.OWN_ORG, Reach.NONE);
    }

    grant(UserRole.MEMBER, Area.USER, Reach.OWN_USER, Reach.NONE);
    grant(UserRole.MEMBER, Area.KEY, Reach.OWN_USER, Reach.OWN_USER);
    grant(UserRole.MEMBER, Area.USAGE, Reach.OWN_USER, Reach.NONE);
    grant(UserRole.MEMBER, Area.BUDGET, Reach.OWN_USER, Reach.NONE);
  }

  private AccessPolicy() {}

  private static void grant(UserRole role, Area area, Reach read, Reach write) {
    MATRIX.get(role).put(area, new Reach[] {read, write});
  }

  public static Reach reach(UserRole role, Area area, Access access) {
    Reach[] reaches = MATRIX.get(role).get(area);
    return reaches == null ? Reach.NONE : reaches[access.ordinal()];
  }

  public static boolean permits(Caller caller, Area area, Access access, Scope target) {
    return reach(caller.role(), area, access).covers(caller, target);
  }

  /** Throws 403 unless permitted. */
  public static void require(Caller caller, Area area, Access access, Scope target) {
    if (!permits(caller, area, access, target)) {
      throw AdminApiException.forbidden(caller.role(), access, area);
    }
  }

  /**
   * Whether the caller may act on what belongs to a user with this role (their keys above all): on
   * their own, or for a role they may grant. Nobody acts for someone who outranks them, so nobody
   * obtains a credential with more reach than their own.
   */
  public static boolean mayActFor(Caller caller, String userId, UserRole role) {
    return caller.userId().equals(userId) || mayGrant(caller.role(), role);
  }

  /** Throws 403 unless {@link #mayActFor}. */
  public static void requireMayActFor(Caller caller, String userId, UserRole role, Area area) {
    if (!mayActFor(caller, userId, role)) {
      throw AdminApiException.forbidden(
          "The role "
              + caller.role()
              + " may not manage "
              + area.name().toLowerCase(Locale.ROOT)
              + " data of a user with the role "
              + role
              + ".");
    }
  }

  /**
   * Whether the role sets allow-lists, limits and budgets for its organisation (within the
   * platform's ceilings); everyone below may only narrow what they inherit.
   */
  public static boolean governsOrganisation(UserRole role) {
    return role == UserRole.PLATFORM_ADMIN || role == UserRole.ORG_ADMIN;
  }

  /** Nobody hands out a role above their own; team admins grant only team roles. */
  public static boolean mayGrant(UserRole granter, UserRole role) {
    return switch (granter) {
      case PLATFORM_ADMIN -> true;
      case ORG_ADMIN -> role != UserRole.PLATFORM_ADMIN;
      case TEAM_ADMIN -> role == UserRole.TEAM_ADMIN || role == UserRole.MEMBER;
      case AUDITOR, MEMBER -> false;
    };
  }
}
