package ai.hyperion.cache;

/**
 * Who shares cached answers. {@code ORG} (the default): every key of the organisation; {@code
 * TEAM}: keys of the same team (keys without a team share one bucket of the org); {@code KEY}: one
 * API key only; {@code GLOBAL}: every organisation whose settings also say global.
 */
public enum CacheScope {
  ORG,
  TEAM,
  KEY,
  GLOBAL;

  /** The partition of the cache a request with these ids reads and writes. */
  public String tag(String orgId, String teamId, String keyId) {
    return switch (this) {
      case ORG -> "org:" + orgId;
      case TEAM -> "team:" + orgId + "/" + (teamId == null ? "-" : teamId);
      case KEY -> "key:" + orgId + "/" + keyId;
      case GLOBAL -> "global";
    };
  }
}
