package ai.hyperion.tenancy;

import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.Limits;
import ai.hyperion.persistence.StringMapConverter;
import ai.hyperion.persistence.StringSetConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A virtual API key. Only the public prefix and the HMAC of the whole key are stored; the secret is
 * shown once, when the key is created or rotated.
 */
@Entity
@Table(name = "api_keys")
public class VirtualKey extends TenancyEntity {

  @Column(name = "prefix", nullable = false, length = 8, updatable = false)
  private String prefix;

  @Column(name = "key_hash", nullable = false, length = 64, updatable = false)
  private String keyHash;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "team_id", length = 40)
  private String teamId;

  @Column(name = "user_id", nullable = false, length = 40, updatable = false)
  private String userId;

  @Convert(converter = StringSetConverter.class)
  @Column(name = "allowed_models", nullable = false, length = 8000)
  private Set<String> allowedModels = new TreeSet<>();

  @Convert(converter = StringSetConverter.class)
  @Column(name = "allowed_providers", nullable = false, length = 4000)
  private Set<String> allowedProviders = new TreeSet<>();

  @Convert(converter = StringMapConverter.class)
  @Column(name = "metadata", nullable = false, length = 8000)
  private Map<String, String> metadata = new TreeMap<>();

  @Convert(converter = StringSetConverter.class)
  @Column(name = "tags", nullable = false, length = 4000)
  private Set<String> tags = new TreeSet<>();

  @Embedded private LimitSettings limits = new LimitSettings();

  @Column(name = "expires_at")
  private LocalDateTime expiresAt;

  @Column(name = "revoked_at")
  private LocalDateTime revokedAt;

  @Column(name = "replaced_by", length = 40)
  private String replacedBy;

  @Column(name = "data_plane", nullable = false)
  private boolean dataPlane = true;

  @Column(name = "admin_api", nullable = false)
  private boolean adminApi;

  protected VirtualKey() {}

  public VirtualKey(String prefix, String keyHash, String name, User owner) {
    this(prefix, keyHash, name, owner.orgId(), owner.teamId(), owner.id());
  }

  private VirtualKey(
      String prefix, String keyHash, String name, String orgId, String teamId, String userId) {
    super("key");
    this.prefix = prefix;
    this.keyHash = keyHash;
    this.name = name;
    this.orgId = orgId;
    this.teamId = teamId;
    this.userId = userId;
  }

  /** A fresh key for the same owner with the same settings: what rotation issues. */
  public VirtualKey successor(String newPrefix, String newKeyHash) {
    VirtualKey next = new VirtualKey(newPrefix, newKeyHash, name, orgId, teamId, userId);
    next.allowedModels = new TreeSet<>(allowedModels);
    next.allowedProviders = new TreeSet<>(allowedProviders);
    next.metadata = new TreeMap<>(metadata);
    next.tags = new TreeSet<>(tags);
    next.limits = LimitSettings.of(limits());
    next.expiresAt = expiresAt;
    next.dataPlane = dataPlane;
    next.adminApi = adminApi;
    return next;
  }

  public String prefix() {
    return prefix;
  }

  public String keyHash() {
    return keyHash;
  }

  public String name() {
    return name;
  }

  public void name(String name) {
    this.name = name;
  }

  public String orgId() {
    return orgId;
  }

  public String teamId() {
    return teamId;
  }

  public void teamId(String teamId) {
    this.teamId = teamId;
  }

  public String userId() {
    return userId;
  }

  public Set<String> allowedModels() {
    return Set.copyOf(allowedModels);
  }

  public void allowedModels(Set<String> models) {
    this.allowedModels = new TreeSet<>(models);
  }

  public Set<String> allowedProviders() {
    return Set.copyOf(allowedProviders);
  }

  public void allowedProviders(Set<String> providers) {
    this.allowedProviders = new TreeSet<>(providers);
  }

  public Map<String, String> metadata() {
    return Map.copyOf(metadata);
  }

  public void metadata(Map<String, String> metadata) {
    this.metadata = new TreeMap<>(metadata);
  }

  public Set<String> tags() {
    return Set.copyOf(tags);
  }

  public void tags(Set<String> tags) {
    this.tags = new TreeSet<>(tags);
  }

  public Limits limits() {
    return limits == null ? Limits.NONE : limits.toLimits();
  }

  public void limits(Limits limits) {
    this.limits = LimitSettings.of(limits);
  }

  public Instant expiresAt() {
    return toInstant(expiresAt);
  }

  public void expiresAt(Instant expiresAt) {
    this.expiresAt = toUtc(expiresAt);
  }

  public Instant revokedAt() {
    return toInstant(revokedAt);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public void revoke() {
    if (revokedAt == null) {
      revokedAt = nowUtc();
    }
  }

  public Set<KeyPurpose> purposes() {
    return KeyPurpose.of(dataPlane, adminApi);
  }

  public void purposes(Set<KeyPurpose> purposes) {
    this.dataPlane = purposes.contains(KeyPurpose.DATA_PLANE);
    this.adminApi = purposes.contains(KeyPurpose.ADMIN);
  }

  public String replacedBy() {
    return replacedBy;
  }

  public void replacedBy(String keyId) {
    this.replacedBy = keyId;
  }
}
