package ai.hyperion.dedicated;

import java.util.List;

/** Request bodies of the provisioning API. */
public final class EndpointRequests {

  private EndpointRequests() {}

  /**
   * Provision an endpoint. Only {@code model} is required: a Hugging Face-style id ({@code
   * org/name}) or a catalog model id. {@code orgId} and {@code teamId} default to the caller's;
   * {@code hardware} pins a catalog entry instead of letting sizing choose; {@code accessToken}
   * (gated weights) is stored encrypted and never shown again.
   */
  public record ProvisionRequest(
      String model,
      String name,
      String orgId,
      String teamId,
      Integer contextLength,
      String dtype,
      Integer maxConcurrency,
      List<String> engineArgs,
      String accessToken,
      String hardware,
      ScalingRequest scaling,
      String notifyEmail) {

    @Override
    public String toString() {
      return "ProvisionRequest[" + model + ", token " + (accessToken == null ? "no" : "yes") + "]";
    }
  }

  /**
   * Scaling: {@code minReplicas} 0 lets the endpoint sleep after {@code idleSeconds} without
   * requests; 1 or more keeps it up. On PATCH, absent fields are unchanged.
   */
  public record ScalingRequest(Integer minReplicas, Integer maxReplicas, Integer idleSeconds) {}

  /** PATCH: scaling and the display name. */
  public record UpdateRequest(String name, ScalingRequest scaling) {}
}
