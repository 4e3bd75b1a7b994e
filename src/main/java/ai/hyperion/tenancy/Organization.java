package ai.hyperion.tenancy;

import ai.hyperion.auth.Limits;
import ai.hyperion.persistence.StringMapConverter;
import ai.hyperion.persistence.StringSetConverter;
import ai.hyperion.tenancy.Requests.Ceilings;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A customer organisation: the outermost tenant, with the widest allow-lists and limits. */
@Entity
@Table(name = "organizations")
public class Organization extends TenancyEntity {

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Convert(converter = StringSetConverter.class)
  @Column(name = "allowed_models", nullable = false, length = 8000)
  private Set<String> allowedModels = new TreeSet<>();

  @Convert(converter = StringSetConverter.class)
  @Column(name = "allowed_providers", nullable = false, length = 4000)
  private Set<String> allowedProviders = new TreeSet<>();

  @Column(name = "auto_routing", nullable = false)
  private boolean autoRoutingEnabled;

  @Column(name = "smart_routing", nullable = false)
  private boolean smartRoutingEnabled;

  @Convert(converter = StringMapConverter.class)
  @Column(name = "metadata", nullable = false, length = 8000)
  private Map<String, String> metadata = new TreeMap<>();

  @Embedded private LimitSettings limits = new LimitSettings();

  @Convert(converter = StringSetConverter.class)
  @Column(name = "ceiling_models", nullable = false, length = 8000)
  private Set<String> ceilingModels = new TreeSet<>();

  @Convert(converter = StringSetConverter.class)
  @Column(name = "ceiling_providers", nullable = false, length = 4000)
  private Set<String> ceilingProviders = new TreeSet<>();

  @Column(name = "ceiling_rpm")
  private Integer ceilingRequestsPerMinute;

  @Column(name = "ceiling_tpm")
  private Integer ceilingTokensPerMinute;

  @Column(name = "ceiling_concurrency")
  private Integer ceilingConcurrency;

  protected Organization() {}

  public Organization(String name) {
    super("org");
    this.name = name;
  }

  static Organization withId(String id, String name) {
    Organization org = new Organization(name);
    org.assignId(id);
    return org;
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

  public boolean autoRoutingEnabled() {
    return autoRoutingEnabled;
  }

  public void autoRoutingEnabled(boolean enabled) {
    this.autoRoutingEnabled = enabled;
  }

  public boolean smartRoutingEnabled() {
    return smartRoutingEnabled;
  }

  public void smartRoutingEnabled(boolean enabled) {
    this.smartRoutingEnabled = enabled;
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

  public Ceilings ceilings() {
    return new Ceilings(
        Set.copyOf(ceilingModels),
        Set.copyOf(ceilingProviders),
        ceilingRequestsPerMinute,
        ceilingTokensPerMinute,
        ceilingConcurrency);
  }

  public void ceilings(Ceilings ceilings) {
    this.ceilingModels = new TreeSet<>(ceilings.allowedModels());
    this.ceilingProviders = new TreeSet<>(ceilings.allowedProviders());
    this.ceilingRequestsPerMinute = ceilings.requestsPerMinute();
    this.ceilingTokensPerMinute = ceilings.tokensPerMinute();
    this.ceilingConcurrency = ceilings.maxConcurrentRequests();
  }
}
