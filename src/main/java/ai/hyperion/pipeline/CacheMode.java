package ai.hyperion.pipeline;

/**
 * The caller's cache wish: {@code default} (use the tenant's policy), {@code bypass}, {@code
 * refresh}.
 */
public enum CacheMode {
  DEFAULT,
  BYPASS,
  REFRESH
}
