package ai.hyperion.audit.settings;

import ai.hyperion.persistence.Transactions;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The data plane's view of each organisation's compliance settings. Settings live in the database;
 * the cluster shares them as JSON in a near-cached Hazelcast map (a change is published to every
 * member at once), and each member keeps the policy compiled from the JSON it last saw, so a warm
 * look-up is two local map reads and a string comparison. Only an org's first look-up on the whole
 * cluster reads the database (blocking, once).
 */
@ApplicationScoped
public class CompliancePolicies {

  private record Compiled(String json, OrgCompliance compliance) {}

  private final Transactions transactions;

  /** org id → settings JSON, shared by the cluster. */
  private final ConcurrentMap<String, String> shared;

  /** org id → the compiled form of the JSON last seen here. */
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  @Inject
  public CompliancePolicies(Transactions transactions, HazelcastInstance hazelcast) {
    this(transactions, hazelcast.<String, String>getMap(ComplianceSettingsCacheConfig.MAP_NAME));
  }

  public CompliancePolicies(Transactions transactions, ConcurrentMap<String, String> shared) {
    this.transactions = transactions;
    this.shared = shared;
  }

  /** For the CDI proxy only. */
  protected CompliancePolicies() {
    this.transactions = null;
    this.shared = null;
  }

  /** The org's compliance policy; never null (an org without settings gets the defaults). */
  public OrgCompliance forOrg(String orgId) {
    String json = shared.get(orgId);
    if (json == null) {
      json = load(orgId);
      String earlier = shared.putIfAbsent(orgId, json);
      if (earlier != null) {
        json = earlier;
      }
    }
    Compiled current = compiled.get(orgId);
    if (current != null && current.json().equals(json)) {
      return current.compliance();
    }
    OrgCompliance fresh = OrgCompliance.compile(parse(json));
    compiled.put(orgId, new Compiled(json, fresh));
    return fresh;
  }

  /** After a committed change: every member sees it on its next look-up. */
  void publish(SettingsView view) {
    shared.put(view.orgId(), toJson(view));
  }

  private String load(String orgId) {
    return toJson(
        transactions.inTransaction(
            em -> {
              ComplianceSettings settings = em.find(ComplianceSettings.class, orgId);
              return settings == null ? SettingsView.defaults(orgId) : SettingsView.of(settings);
            }));
  }

  static String toJson(SettingsView view) {
    try {
      return Json.MAPPER.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Settings always serialise", e);
    }
  }

  static SettingsView parse(String json) {
    try {
      return Json.MAPPER.readValue(json, SettingsView.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt compliance settings in the cluster cache", e);
    }
  }
}
