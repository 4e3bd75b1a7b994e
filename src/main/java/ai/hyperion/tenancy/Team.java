package ai.hyperion.tenancy;

import ai.hyperion.auth.Limits;
import ai.hyperion.persistence.StringMapConverter;
import ai.hyperion.persistence.StringSetConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A team inside an organisation; narrows the org's allow-lists and limits for its users' keys. */
@Entity
@Table(name = "teams")
public class Team extends TenancyEntity {

  @Column(name = "org_id", nullable = false, length = 40, updatable = false)
  private String orgId;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Convert(converter = StringSetConverter.class)
  @Column(name = "allowed_models", nullable = false, length = 8000)
  private Set<String> allowedModels = new TreeSet<>();

  @Convert(converter = StringSetConverter.class)
  @Column(name = "allowed_providers", nullable = false, length = 4000)
  private Set<String> allowedProviders = new TreeSet<>();

  @Convert(converter = StringMapConverter.class)
  @Column(name = "metadata", nullable = false, length = 8000)
  private Map<String, String> metadata = new TreeMap<>();

  @Embedded private LimitSettings limits = new LimitSettings();

  protected Team() {}

  public Team(String orgId, String name) {
    super("team");
    this.orgId = orgId;
    this.name = name;
  }

  static Team withId(String id, String orgId, String name) {
    Team team = new Team(orgId, name);
    team.assignId(id);
    return team;
  }

  public String orgId() {
    return orgId;
  }

  public String name() {
    return name;
  }

  public void name(String name) {
    this.name = name;
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

  public Limits limits() {
    return limits == null ? Limits.NONE : limits.toLimits();
  }

  public void limits(Limits limits) {
    this.limits = LimitSettings.of(limits);
  }
}
