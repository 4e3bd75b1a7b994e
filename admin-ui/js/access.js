// What the signed-in person may do, from GET /admin/api/features (the server's access matrix).
// Only decides what is shown: the admin API checks every call again.

const ORDER = ['NONE', 'OWN_USER', 'OWN_TEAM', 'OWN_ORG', 'ALL'];

export class Access {
  constructor(session, features) {
    this.session = session;
    this.features = new Map(features.features.map((f) => [f.id, f]));
    this.areas = features.access;
    this.grantableRoles = features.grantableRoles || [];
  }

  has(featureId) {
    return this.features.has(featureId);
  }

  /** The reach of a permission in an area of the access matrix (ORG, TEAM, USER, KEY, ...). */
  reach(area, permission = 'read') {
    const entry = this.areas[area];
    return entry ? entry[permission] : 'NONE';
  }

  /** Whether the reach in an area is at least `level` (e.g. at least OWN_ORG). */
  atLeast(area, permission, level) {
    return ORDER.indexOf(this.reach(area, permission)) >= ORDER.indexOf(level);
  }

  can(area, permission = 'write') {
    return this.reach(area, permission) !== 'NONE';
  }

  /**
   * Whether a permission covers one object: scope = {orgId, teamId, userId} of the object (a team's
   * teamId is its own id, a key's userId its owner).
   */
  covers(area, permission, scope) {
    const s = this.session;
    switch (this.reach(area, permission)) {
      case 'ALL': return true;
      case 'OWN_ORG': return scope.orgId === s.orgId;
      case 'OWN_TEAM': return scope.orgId === s.orgId && !!s.teamId && scope.teamId === s.teamId;
      case 'OWN_USER': return scope.orgId === s.orgId && scope.userId === s.userId;
      default: return false;
    }
  }

  get platformAdmin() {
    return this.reach('PLATFORM', 'write') === 'ALL';
  }
}
