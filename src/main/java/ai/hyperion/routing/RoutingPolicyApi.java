package ai.hyperion.routing;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The routing policy admin API's request and response bodies. */
public final class RoutingPolicyApi {

  private RoutingPolicyApi() {}

  /**
   * {@code PUT /admin/api/orgs/{orgId}/routing}: {@code defaultFallbacks}, {@code abSplits} and
   * {@code shadow} replace what was stored (absent = none); the org's {@code allowedProviders},
   * {@code smartRoutingEnabled} and {@code autoRoutingEnabled} change only when given.
   */
  public record PolicyRequest(
      Set<String> allowedProviders,
      Boolean smartRoutingEnabled,
      Boolean autoRoutingEnabled,
      List<String> defaultFallbacks,
      List<Split> abSplits,
      Shadow shadow) {}

  /** A weighted split of the requests for {@code model} ({@code *}: every model). */
  public record Split(String name, String model, List<Arm> arms, String sticky) {}

  public record Arm(String model, Integer weight) {}

  /** Replays {@code sampleRate} of the requests for {@code sourceModel} to {@code targetModel}. */
  public record Shadow(String sourceModel, String targetModel, Double sampleRate) {}

  public record PolicyView(
      String orgId,
      Set<String> allowedProviders,
      boolean smartRoutingEnabled,
      boolean autoRoutingEnabled,
      List<String> defaultFallbacks,
      List<Split> abSplits,
      Shadow shadow,
      Instant updatedAt) {}
}
