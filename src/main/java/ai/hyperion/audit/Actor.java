package ai.hyperion.audit;

import ai.hyperion.admin.Caller;

/** Who made an audited call: user, their org, the public prefix of the key used, and role. */
public record Actor(String userId, String orgId, String keyPrefix, String role) {

  public static final Actor ANONYMOUS = new Actor(null, null, null, null);

  public static Actor of(Caller caller) {
    return new Actor(caller.userId(), caller.orgId(), caller.keyPrefix(), caller.role().name());
  }
}
