package ai.hyperion.dedicated;

import ai.hyperion.persistence.StringListConverter;
import ai.hyperion.tenancy.TenancyEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dedicated endpoint: the model and runtime settings asked for, the hardware sizing chose, the
 * scaling settings, and where it is in its lifecycle. The access token column holds AES-GCM
 * ciphertext ({@link TokenCipher}) and is never returned. {@code leaseOwner}/{@code leaseUntil} are
 * written only by {@link EndpointLeases} (bulk updates), so that one instance acts at a time.
 */
@Entity
@Table(name = "dedicated_endpoints")
public class DedicatedEndpoint extends TenancyEntity {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  public static final String ID_PREFIX = "endpt-";

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "team_id", length = 40, updatable = false)
  private String teamId;

  @Column(name = "owner_user_id", nullable = false, length = 40, updatable = false)
  private String ownerUserId;

  @Column(name = "notify_email", length = 320)
  private String notifyEmail;

  @Column(name = "name", length = 200)
  private String name;

  @Column(name = "model", nullable = false, length = 200, updatable = false)
  private String model;

  @Column(name = "context_length", nullable = false, updatable = false)
  private int contextLength;

  @Enumerated(EnumType.STRING)
  @Column(name = "dtype", nullable = false, length = 20, updatable = false)
  private Dtype dtype;

  @Column(name = "max_concurrency", nullable = false, updatable = false)
  private int maxConcurrency;

  @Convert(converter = StringListConverter.class)
  @Column(name = "engine_args", nullable = false, length = 8000, updatable = false)
  private List<String> engineArgs = new ArrayList<>();

  @Column(name = "access_token", length = 4000)
  private String encryptedAccessToken;

  @Column(name = "hardware_id", nullable = false, length = 100, updatable = false)
  private String hardwareId;

  @Column(name = "gpu_kind", nullable = false, length = 100, updatable = false)
  private String gpuKind;

  @Column(name = "gpu_count", nullable = false, updatable = false)
  private int gpuCount;

  @Column(name = "gpu_price_per_hour", nullable = false, updatable = false)
  private double gpuPricePerHour;

  @Column(name = "required_gb", nullable = false, updatable = false)
  private double requiredGb;

  @Column(name = "sizing_basis", nullable = false, length = 20, updatable = false)
  private String sizingBasis;

  @Column(name = "min_replicas", nullable = false)
  private int minReplicas;

  @Column(name = "max_replicas", nullable = false)
  private int maxReplicas;

  @Column(name = "idle_seconds", nullable = false)
  private int idleSeconds;

  @Column(name = "platform", nullable = false, length = 20, updatable = false)
  private String platform;

  @Column(name = "node_id", length = 200)
  private String nodeId;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 20)
  private EndpointStatus status;

  @Column(name = "status_message", length = 2000)
  private String statusMessage;

  @Column(name = "base_url", length = 500)
  private String baseUrl;

  @Column(name = "status_changed_at", nullable = false)
  private LocalDateTime statusChangedAt;

  @Column(name = "last_request_at")
  private LocalDateTime lastRequestAt;

  @Column(name = "lease_owner", length = 200, insertable = false, updatable = false)
  private String leaseOwner;

  @Column(name = "lease_until", insertable = false, updatable = false)
  private LocalDateTime leaseUntil;

  protected DedicatedEndpoint() {}

  public DedicatedEndpoint(
      String orgId,
      String teamId,
      String ownerUserId,
      String model,
      Sizing sizing,
      List<String> engineArgs,
      String platform,
      Instant now) {
    super(ID_PREFIX);
    assignId(newId());
    this.orgId = orgId;
    this.teamId = teamId;
    this.ownerUserId = ownerUserId;
    this.model = model;
    this.contextLength = sizing.contextLength();
    this.dtype = sizing.dtype();
    this.maxConcurrency = sizing.maxConcurrency();
    this.engineArgs = new ArrayList<>(engineArgs);
    this.hardwareId = sizing.hardware().id();
    this.gpuKind = sizing.hardware().gpu();
    this.gpuCount = sizing.gpuCount();
    this.gpuPricePerHour = sizing.hardware().pricePerHour();
    this.requiredGb = Math.round(sizing.requiredGb() * 100) / 100.0;
    this.sizingBasis = sizing.basis().name().toLowerCase(Locale.ROOT);
    this.platform = platform;
    this.status = EndpointStatus.BUILDING;
    this.statusChangedAt = UtcTimes.toUtc(now);
    this.lastRequestAt = UtcTimes.toUtc(now);
  }

  /** {@code endpt-} and 12 random lower-case letters and digits: also a valid Kubernetes name. */
  static String newId() {
    StringBuilder id = new StringBuilder(ID_PREFIX);
    id.append(ID_ALPHABET[RANDOM.nextInt(26)]);
    for (int i = 1; i < 12; i++) {
      id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
    }
    return id.toString();
  }

  /** Moves to {@code next}, recording when and why. */
  public void moveTo(EndpointStatus next, String message, Instant now) {
    this.status = next;
    this.statusMessage = message;
    this.statusChangedAt = UtcTimes.toUtc(now);
  }

  public String orgId() {
    return orgId;
  }

  public String teamId() {
    return teamId;
  }

  public String ownerUserId() {
    return ownerUserId;
  }

  public String notifyEmail() {
    return notifyEmail;
  }

  public void notifyEmail(String email) {
    this.notifyEmail = email;
  }

  public String name() {
    return name;
  }

  public void name(String name) {
    this.name = name;
  }

  public String model() {
    return model;
  }

  public int contextLength() {
    return contextLength;
  }

  public Dtype dtype() {
    return dtype;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  public List<String> engineArgs() {
    return List.copyOf(engineArgs);
  }

  public String encryptedAccessToken() {
    return encryptedAccessToken;
  }

  public void encryptedAccessToken(String ciphertext) {
    this.encryptedAccessToken = ciphertext;
  }

  public String hardwareId() {
    return hardwareId;
  }

  public String gpuKind() {
    return gpuKind;
  }

  public int gpuCount() {
    return gpuCount;
  }

  /** USD per GPU per hour. */
  public double gpuPricePerHour() {
    return gpuPricePerHour;
  }

  public double requiredGb() {
    return requiredGb;
  }

  public String sizingBasis() {
    return sizingBasis;
  }

  public int minReplicas() {
    return minReplicas;
  }

  public int maxReplicas() {
    return maxReplicas;
  }

  public int idleSeconds() {
    return idleSeconds;
  }

  public void scaling(int minReplicas, int maxReplicas, int idleSeconds) {
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.idleSeconds = idleSeconds;
  }

  /** Replicas while serving: the minimum, but at least one. */
  public int servingReplicas() {
    return Math.max(1, minReplicas);
  }

  public String platform() {
    return platform;
  }

  public String nodeId() {
    return nodeId;
  }

  public void nodeId(String nodeId) {
    this.nodeId = nodeId;
  }

  public EndpointStatus status() {
    return status;
  }

  public String statusMessage() {
    return statusMessage;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Instant statusChangedAt() {
    return UtcTimes.toInstant(statusChangedAt);
  }

  public Instant lastRequestAt() {
    return UtcTimes.toInstant(lastRequestAt);
  }

  public void lastRequestAt(Instant at) {
    this.lastRequestAt = UtcTimes.toUtc(at);
  }

  public String leaseOwner() {
    return leaseOwner;
  }

  public Instant leaseUntil() {
    return UtcTimes.toInstant(leaseUntil);
  }

  /** The data-plane path of this endpoint. */
  public String path() {
    return "/api/d/" + id() + "/chat/completions";
  }
}
