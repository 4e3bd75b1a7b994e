package ai.hyperion.routing;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Listing;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.provider.Json;
import ai.hyperion.routing.RoutingPolicyApi.Arm;
import ai.hyperion.routing.RoutingPolicyApi.PolicyRequest;
import ai.hyperion.routing.RoutingPolicyApi.PolicyView;
import ai.hyperion.routing.RoutingPolicyApi.Shadow;
import ai.hyperion.routing.RoutingPolicyApi.Split;
import ai.hyperion.tenancy.OrganizationService;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Views.OrganizationView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Organisations' routing policies and shadow results: read and changed through the admin API (org
 * admins for their org; team admins and auditors read), read by the data plane through {@link
 * RoutingPolicies}. Allowed providers and the smart/auto switches are the org's own fields, changed
 * through {@link OrganizationService} so that keys see them at once.
 */
@ApplicationScoped
public class RoutingPolicyService {

  static final int MAX_SPLITS = 20;
  static final int MAX_FALLBACKS = 10;

  private final Transactions transactions;
  private final OrganizationService organizations;
  private final ModelCatalog catalog;

  @Inject
  public RoutingPolicyService(
      Transactions transactions, OrganizationService organizations, ModelCatalog catalog) {
    this.transactions = transactions;
    this.organizations = organizations;
    this.catalog = catalog;
  }

  /** For the CDI proxy only. */
  protected RoutingPolicyService() {
    this(null, null, null);
  }

  public PolicyView get(Caller caller, String orgId) {
    OrganizationView org = organizations.get(caller, orgId);
    return transactions.inTransaction(em -> view(org, em.find(RoutingPolicyRecord.class, orgId)));
  }

  public PolicyView update(Caller caller, String orgId, PolicyRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    validate(request);
    OrganizationView org =
        request.allowedProviders() != null
                || request.smartRoutingEnabled() != null
                || request.autoRoutingEnabled() != null
            ? organizations.update(
                caller,
                orgId,
                new OrganizationRequest(
                    null,
                    null,
                    request.allowedProviders(),
                    request.autoRoutingEnabled(),
                    request.smartRoutingEnabled(),
                    null,
                    null))
            : organizations.get(caller, orgId);
    return transactions.inTransaction(
        em -> {
          RoutingPolicyRecord record = em.find(RoutingPolicyRecord.class, orgId);
          if (record == null) {
            record = new RoutingPolicyRecord(orgId);
            em.persist(record);
          }
          record.set(
              write(request.defaultFallbacks() == null ? List.of() : request.defaultFallbacks()),
              write(request.abSplits() == null ? List.of() : request.abSplits()),
              request.shadow() == null ? null : write(request.shadow()));
          em.flush();
          return view(org, record);
        });
  }

  /** The policy the data plane applies; {@link OrgRoutingPolicy#NONE} when none is stored. */
  public OrgRoutingPolicy policy(String orgId) {
    return transactions.inTransaction(
        em -> {
          RoutingPolicyRecord record = em.find(RoutingPolicyRecord.class, orgId);
          if (record == null) {
            return OrgRoutingPolicy.NONE;
          }
          Shadow shadow = readShadow(record);
          return new OrgRoutingPolicy(
              readFallbacks(record),
              readSplits(record).stream().map(RoutingPolicyService::split).toList(),
              shadow == null
                  ? null
                  : new OrgRoutingPolicy.ShadowSettings(
                      shadow.sourceModel(), shadow.targetModel(), shadow.sampleRate()));
        });
  }

  public Page<ShadowResult> shadowResults(
      Caller caller, String orgId, String model, PageRequest page) {
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(
        em ->
            Listing.of(ShadowResultRecord.class)
                .where("orgId", orgId)
                .where("shadowModel", model)
                .fetch(em, page)
                .map(ShadowResultRecord::toResult));
  }

  public void saveShadowResult(ShadowResult result) {
    transactions.inTransaction(
        em -> {
          em.persist(ShadowResultRecord.of(result));
          return null;
        });
  }

  private void validate(PolicyRequest request) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors = new FieldErrors().names("allowedProviders", request.allowedProviders());
    List<String> fallbacks =
        request.defaultFallbacks() == null ? List.of() : request.defaultFallbacks();
    if (fallbacks.size() > MAX_FALLBACKS) {
      errors.add("defaultFallbacks", "must have at most " + MAX_FALLBACKS + " entries");
    }
    for (int i = 0; i < fallbacks.size(); i++) {
      model(errors, "defaultFallbacks[" + i + "]", fallbacks.get(i), false);
    }
    List<Split> splits = request.abSplits() == null ? List.of() : request.abSplits();
    if (splits.size() > MAX_SPLITS) {
      errors.add("abSplits", "must have at most " + MAX_SPLITS + " entries");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < splits.size(); i++) {
      Split split = splits.get(i);
      String at = "abSplits[" + i + "]";
      if (split == null) {
        errors.add(at, "must not be null");
        continue;
      }
      errors.name(at + ".name", split.name(), true);
      if (split.name() != null && !names.add(split.name())) {
        errors.add(at + ".name", "is used twice");
      }
      model(errors, at + ".model", split.model(), true);
      if (split.arms() == null || split.arms().isEmpty()) {
        errors.add(at + ".arms", "needs at least one arm");
      } else {
        for (int a = 0; a < split.arms().size(); a++) {
          Arm arm = split.arms().get(a);
          String armAt = at + ".arms[" + a + "]";
          model(errors, armAt + ".model", arm == null ? null : arm.model(), false);
          if (arm == null || arm.weight() == null || arm.weight() < 1 || arm.weight() > 1000) {
            errors.add(armAt + ".weight", "must be a whole number from 1 to 1000");
          }
        }
      }
      if (split.sticky() != null && !Set.of("user", "key").contains(split.sticky())) {
        errors.add(at + ".sticky", "must be 'user' or 'key'");
      }
    }
    Shadow shadow = request.shadow();
    if (shadow != null) {
      model(errors, "shadow.targetModel", shadow.targetModel(), false);
      if (shadow.sourceModel() != null) {
        model(errors, "shadow.sourceModel", shadow.sourceModel(), true);
      }
      if (shadow.sampleRate() == null || !(shadow.sampleRate() > 0 && shadow.sampleRate() <= 1)) {
        errors.add("shadow.sampleRate", "must be above 0 and at most 1");
      }
    }
    errors.throwIfAny();
  }

  private void model(FieldErrors errors, String field, String name, boolean wildcard) {
    if (name == null || name.isBlank()) {
      errors.add(field, "is required");
    } else if (!(wildcard && name.equals("*")) && catalog.resolve(name).isEmpty()) {
      errors.add(field, "'" + name + "' is not a model of this gateway");
    }
  }

  private static AbSplit split(Split s) {
    return new AbSplit(
        s.name(),
        s.model(),
        s.arms().stream().map(a -> new AbSplit.Arm(a.model(), a.weight())).toList(),
        "key".equals(s.sticky()) ? AbSplit.Sticky.KEY : AbSplit.Sticky.USER);
  }

  private static PolicyView view(OrganizationView org, RoutingPolicyRecord record) {
    return new PolicyView(
        org.id(),
        org.allowedProviders(),
        org.smartRoutingEnabled(),
        org.autoRoutingEnabled(),
        record == null ? List.of() : readFallbacks(record),
        record == null ? List.of() : readSplits(record),
        record == null ? null : readShadow(record),
        record == null ? null : record.updatedAt().toInstant(ZoneOffset.UTC));
  }

  private static List<String> readFallbacks(RoutingPolicyRecord r) {
    return read(r.defaultFallbacks(), new TypeReference<List<String>>() {});
  }

  private static List<Split> readSplits(RoutingPolicyRecord r) {
    return read(r.abSplits(), new TypeReference<List<Split>>() {});
  }

  private static Shadow readShadow(RoutingPolicyRecord r) {
    return r.shadow() == null ? null : read(r.shadow(), new TypeReference<Shadow>() {});
  }

  private static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("routing policy not serialisable", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored routing policy is unreadable: " + e.getMessage().toLowerCase(Locale.ROOT), e);
    }
  }
}
