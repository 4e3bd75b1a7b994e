package ai.hyperion.dedicated;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One span during which an endpoint held its GPUs (status {@code up} or {@code waking_up}): the
 * hardware, its price and the replica count, from {@code startedAt} until {@code endedAt} (null
 * while open). Usage reports join these spans by org, team and time: cost = price per GPU-hour ×
 * GPUs × replicas × hours.
 */
@Entity
@Table(name = "dedicated_gpu_usage")
public class GpuUsage {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "endpoint_id", nullable = false, length = 40, updatable = false)
  private String endpointId;

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "team_id", length = 40, updatable = false)
  private String teamId;

  @Column(name = "hardware_id", nullable = false, length = 100, updatable = false)
  private String hardwareId;

  @Column(name = "gpu_kind", nullable = false, length = 100, updatable = false)
  private String gpuKind;

  @Column(name = "gpu_count", nullable = false, updatable = false)
  private int gpuCount;

  @Column(name = "replicas", nullable = false, updatable = false)
  private int replicas;

  @Column(name = "gpu_price_per_hour", nullable = false, updatable = false)
  private double gpuPricePerHour;

  @Column(name = "started_at", nullable = false, updatable = false)
  private LocalDateTime startedAt;

  @Column(name = "ended_at")
  private LocalDateTime endedAt;

  protected GpuUsage() {}

  public GpuUsage(DedicatedEndpoint endpoint, Instant start) {
    this.id = "gpu_" + UUID.randomUUID().toString().replace("-", "");
    this.endpointId = endpoint.id();
    this.orgId = endpoint.orgId();
    this.teamId = endpoint.teamId();
    this.hardwareId = endpoint.hardwareId();
    this.gpuKind = endpoint.gpuKind();
    this.gpuCount = endpoint.gpuCount();
    this.replicas = endpoint.servingReplicas();
    this.gpuPricePerHour = endpoint.gpuPricePerHour();
    this.startedAt = UtcTimes.toUtc(start);
  }

  public void end(Instant at) {
    if (endedAt == null) {
      endedAt = UtcTimes.toUtc(at);
    }
  }

  public String endpointId() {
    return endpointId;
  }

  public String orgId() {
    return orgId;
  }

  public String teamId() {
    return teamId;
  }

  public String hardwareId() {
    return hardwareId;
  }

  public int gpuCount() {
    return gpuCount;
  }

  public int replicas() {
    return replicas;
  }

  public double gpuPricePerHour() {
    return gpuPricePerHour;
  }

  public Instant startedAt() {
    return UtcTimes.toInstant(startedAt);
  }

  public Instant endedAt() {
    return UtcTimes.toInstant(endedAt);
  }

  /** USD for the part of this span inside [from, to); an open span counts up to {@code to}. */
  public double costBetween(Instant from, Instant to) {
    return gpuHoursBetween(from, to) * gpuPricePerHour;
  }

  /**
   * GPU-hours (hours × GPUs × replicas) of the part of this span inside [from, to); an open span
   * counts up to {@code to}.
   */
  public double gpuHoursBetween(Instant from, Instant to) {
    Instant start = max(startedAt(), from);
    Instant end = endedAt() == null ? to : min(endedAt(), to);
    if (!end.isAfter(start)) {
      return 0;
    }
    double hours = Duration.between(start, end).toNanos() / 3.6e12;
    return hours * gpuCount * replicas;
  }

  public String gpuKind() {
    return gpuKind;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
