package ai.hyperion.auth;

/**
 * Limits set on one level (key, user, team or org) for the policy stage; {@code null} means no
 * limit at that level. {@code budgetRef} names a budget the policy stage owns.
 */
public record Limits(
    Integer requestsPerMinute,
    Integer tokensPerMinute,
    Integer maxConcurrentRequests,
    String budgetRef) {

  public static final Limits NONE = new Limits(null, null, null, null);
}
