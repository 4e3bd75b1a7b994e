package ai.hyperion.routing;

import java.util.List;

/**
 * An organisation's routing settings as the data plane reads them (stored by {@link
 * RoutingPolicyService}; allowed providers and the smart/auto switches live on the org itself):
 * default fallbacks, A/B splits, and shadow traffic.
 */
public record OrgRoutingPolicy(
    List<String> defaultFallbacks, List<AbSplit> abSplits, ShadowSettings shadow) {

  public static final OrgRoutingPolicy NONE = new OrgRoutingPolicy(List.of(), List.of(), null);

  public OrgRoutingPolicy {
    defaultFallbacks = defaultFallbacks == null ? List.of() : List.copyOf(defaultFallbacks);
    abSplits = abSplits == null ? List.of() : List.copyOf(abSplits);
  }

  /**
   * Shadow traffic: a {@code sampleRate} share of the requests for {@code sourceModel} (every model
   * when null) is replayed against {@code targetModel} after the primary answered.
   */
  public record ShadowSettings(String sourceModel, String targetModel, double sampleRate) {
    public boolean applies(String requested, String catalogId) {
      return sourceModel == null
          || sourceModel.equals("*")
          || sourceModel.equals(requested)
          || sourceModel.equals(catalogId);
    }
  }
}
