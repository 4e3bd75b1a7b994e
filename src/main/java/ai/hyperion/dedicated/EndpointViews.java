package ai.hyperion.dedicated;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What the provisioning API returns: never the access token, only whether one is set. */
public final class EndpointViews {

  private EndpointViews() {}

  public record EndpointView(
      String id,
      String url,
      String status,
      String statusMessage,
      String name,
      String orgId,
      String teamId,
      String ownerUserId,
      String model,
      int contextLength,
      String dtype,
      int maxConcurrency,
      List<String> engineArgs,
      boolean accessTokenSet,
      HardwareView hardware,
      ScalingView scaling,
      String platform,
      Instant statusChangedAt,
      Instant lastRequestAt,
      Instant createdAt,
      Instant updatedAt) {

    static EndpointView of(DedicatedEndpoint e) {
      return new EndpointView(
          e.id(),
          e.path(),
          e.status().wireName(),
          e.statusMessage(),
          e.name(),
          e.orgId(),
          e.teamId(),
          e.ownerUserId(),
          e.model(),
          e.contextLength(),
          e.dtype().wireName(),
          e.maxConcurrency(),
          e.engineArgs(),
          e.encryptedAccessToken() != null,
          new HardwareView(
              e.hardwareId(),
              e.gpuKind(),
              e.gpuCount(),
              e.requiredGb(),
              e.gpuPricePerHour() * e.gpuCount() * e.servingReplicas(),
              e.sizingBasis()),
          new ScalingView(e.minReplicas(), e.maxReplicas(), e.idleSeconds()),
          e.platform(),
          e.statusChangedAt(),
          e.lastRequestAt(),
          e.createdAt(),
          e.updatedAt());
    }
  }

  /**
   * @param pricePerHour USD per hour while up: GPU price × GPUs × replicas
   * @param sizedFrom {@code metadata} (the model's published config) or {@code name}
   */
  public record HardwareView(
      String id,
      String gpu,
      int gpuCount,
      double requiredGb,
      double pricePerHour,
      String sizedFrom) {}

  public record ScalingView(int minReplicas, int maxReplicas, int idleSeconds) {}

  public record EventView(
      String id, Instant at, String kind, String from, String to, String message) {

    static EventView of(EndpointEvent e) {
      return new EventView(
          e.id(),
          e.occurredAt(),
          e.kind().name().toLowerCase(Locale.ROOT),
          e.fromStatus() == null ? null : e.fromStatus().wireName(),
          e.toStatus() == null ? null : e.toStatus().wireName(),
          e.message());
    }
  }

  public record LogView(String endpointId, String status, List<String> lines) {}
}
