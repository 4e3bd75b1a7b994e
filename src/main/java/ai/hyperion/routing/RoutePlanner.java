package ai.hyperion.routing;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.RoutingConfig;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.routing.intent.Classification;
import ai.hyperion.routing.intent.IntentClassifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Stage 4's brain for chat calls: classifies the request, applies the A/B split, smart routing or
 * {@code model: auto}, appends the fallbacks (body, then the org's defaults, then the model's own
 * from gateway.yaml) and fingerprints the stable prefix. An explicit model without {@code
 * smart_routing} is honoured exactly. Stateless apart from the catalog; thread-safe.
 */
public final class RoutePlanner {

  public static final String AUTO = "auto";

  private final ModelCatalog catalog;
  private final RoutingConfig routing;
  private final IntentClassifier classifier;
  private final ModelChooser chooser;
  private final DeploymentBalancer balancer;
  private final List<AbSplit> modelSplits;

  public RoutePlanner(GatewayConfig config, ModelCatalog catalog, DeploymentBalancer balancer) {
    this.catalog = catalog;
    this.routing = config.routing();
    this.classifier = new IntentClassifier(routing.longContextTokens());
    this.chooser = new ModelChooser(catalog, routing);
    this.balancer = balancer;
    this.modelSplits =
        routing.experiments().stream()
            .map(
                e ->
                    new AbSplit(
                        e.name(),
                        e.model(),
                        e.arms().stream().map(a -> new AbSplit.Arm(a.model(), a.weight())).toList(),
                        e.sticky().equals("key") ? AbSplit.Sticky.KEY : AbSplit.Sticky.USER))
            .toList();
  }

  /** The intent and complexity of a request (also for calls the planner does not route). */
  public Classification classify(ChatRequest request) {
    return classifier.classify(request);
  }

  public RoutePlan plan(RouteRequest call) {
    Classification c = classifier.classify(call.request());
    RequestNeeds needs = RequestNeeds.of(call.request(), c);
    TenantContext tenant = call.tenant();
    Predicate<CatalogModel> permitted =
        m ->
            (tenant == null || tenant.mayUse(m.id(), m.id(), m.provider()))
                && balancer.available(m);
    String requested = call.request().model();
    List<String> notes = new ArrayList<>();
    // Built by hand: String.format was a measurable part of routing (JFR, bench/run.sh).
    notes.add(
        "intent="
            + c.intent().value()
            + " complexity="
            + Classification.fixed(c.complexity(), 2)
            + " tokens~"
            + c.estimatedInputTokens()
            + " ("
            + c.signal()
            + ")");
    List<Candidate> candidates = new ArrayList<>();
    Optional<AbSplit.Assignment> arm = Optional.empty();

    if (AUTO.equals(requested)) {
      if (tenant != null && !tenant.autoRoutingEnabled()) {
        throw new RequestRefusedException(
            403,
            "permission_error",
            "auto_routing_disabled",
            "model",
            "model 'auto' is not enabled for your organisation.");
      }
      ModelChooser.Choice choice = chooser.auto(c, needs, permitted, call.maxCostUsd());
      notes.add(choice.reason());
      candidates.add(new Candidate(choice.model(), RouteMode.AUTO, choice.reason()));
      choice
          .alternatives()
          .forEach(m -> candidates.add(new Candidate(m, RouteMode.FALLBACK, "auto runner-up")));
    } else {
      CatalogModel model = resolve(requested, tenant);
      Candidate primary = new Candidate(model, RouteMode.PASSTHROUGH, "requested");
      arm = split(call, requested, model);
      if (arm.isPresent() && !arm.get().arm().equals(model.id())) {
        Optional<CatalogModel> armModel = catalog.resolve(arm.get().arm());
        List<String> unmet = armModel.map(needs::unmetBy).orElse(List.of("unknown model"));
        if (armModel.isPresent() && unmet.isEmpty() && permitted.test(armModel.get())) {
          primary =
              new Candidate(
                  armModel.get(), RouteMode.PASSTHROUGH, "a/b " + arm.get().headerValue());
          notes.add("a/b " + arm.get().headerValue());
        } else {
          notes.add(
              "a/b "
                  + arm.get().headerValue()
                  + " not used ("
                  + String.join(", ", unmet)
                  + "), control served");
          arm = Optional.of(new AbSplit.Assignment(arm.get().experiment(), model.id()));
        }
      } else if (arm.isEmpty() && call.smartRouting()) {
        if (tenant != null && !tenant.smartRoutingEnabled()) {
          notes.add("smart_routing ignored: not enabled for this organisation or key");
        } else {
          ModelChooser.Choice choice = chooser.smart(model, c, needs, permitted);
          notes.add(choice.reason());
          primary = new Candidate(choice.model(), choice.mode(), choice.reason());
          if (choice.mode() == RouteMode.SMART) {
            // The model asked for stays the first fallback of a downgrade.
            candidates.add(primary);
            primary = null;
            candidates.add(new Candidate(model, RouteMode.FALLBACK, "requested model"));
          }
        }
      }
      if (primary != null) {
        candidates.add(primary);
      }
      if (arm.isPresent() && primary != null && !primary.model().id().equals(model.id())) {
        candidates.add(new Candidate(model, RouteMode.FALLBACK, "a/b control"));
      }
    }
    addFallbacks(call, candidates, needs, tenant, notes);
    CatalogModel first = candidates.get(0).model();
    String fingerprint =
        PrefixFingerprint.of(call.request(), first.id(), routing.affinity().minPrefixTokens())
            .orElse(null);
    Optional<CatalogModel> shadow = shadow(call, first, permitted);
    shadow.ifPresent(s -> notes.add("shadow -> " + s.id()));
    return new RoutePlan(c, candidates, fingerprint, arm, shadow, String.join("; ", notes));
  }

  private CatalogModel resolve(String name, TenantContext tenant) {
    CatalogModel model =
        catalog.resolve(name).orElseThrow(() -> RequestRefusedException.modelNotFound(name));
    if (tenant != null && !tenant.mayUse(name, model.id(), model.provider())) {
      throw RequestRefusedException.modelNotAllowed(name);
    }
    return model;
  }

  private Optional<AbSplit.Assignment> split(
      RouteRequest call, String requested, CatalogModel model) {
    TenantContext tenant = call.tenant();
    List<AbSplit> splits = new ArrayList<>(call.policy().abSplits());
    splits.addAll(modelSplits);
    for (AbSplit split : splits) {
      if (split.applies(requested, model.id())) {
        String sticky =
            tenant == null
                ? "anonymous"
                : split.sticky() == AbSplit.Sticky.KEY || tenant.userId() == null
                    ? tenant.keyId()
                    : tenant.userId();
        return Optional.of(split.assign(String.valueOf(sticky)));
      }
    }
    return Optional.empty();
  }

  private void addFallbacks(
      RouteRequest call,
      List<Candidate> candidates,
      RequestNeeds needs,
      TenantContext tenant,
      List<String> notes) {
    Set<String> seen = new LinkedHashSet<>();
    candidates.forEach(c -> seen.add(c.model().id()));
    for (String name : call.fallbacks()) {
      CatalogModel m = resolve(name, tenant); // the caller's own list: errors are theirs (404/403)
      if (seen.add(m.id())) {
        candidates.add(new Candidate(m, RouteMode.FALLBACK, "request fallback"));
      }
    }
    List<String> defaults = new ArrayList<>(call.policy().defaultFallbacks());
    for (Candidate planned : List.copyOf(candidates)) {
      if (planned.model().facts() != null) {
        defaults.addAll(planned.model().facts().fallbacks());
      }
    }
    for (String name : defaults) {
      Optional<CatalogModel> m = catalog.resolve(name);
      if (m.isEmpty() || seen.contains(m.get().id())) {
        continue;
      }
      if (tenant != null && !tenant.mayUse(name, m.get().id(), m.get().provider())) {
        notes.add("fallback " + name + " skipped: not allowed");
      } else if (m.get().facts() != null && !needs.unmetBy(m.get()).isEmpty()) {
        notes.add("fallback " + name + " skipped: " + String.join(", ", needs.unmetBy(m.get())));
      } else {
        seen.add(m.get().id());
        candidates.add(new Candidate(m.get(), RouteMode.FALLBACK, "default fallback"));
      }
    }
  }

  private Optional<CatalogModel> shadow(
      RouteRequest call, CatalogModel served, Predicate<CatalogModel> permitted) {
    OrgRoutingPolicy.ShadowSettings shadow = call.policy().shadow();
    if (shadow == null
        || !shadow.applies(call.request().model(), served.id())
        || ThreadLocalRandom.current().nextDouble() >= shadow.sampleRate()) {
      return Optional.empty();
    }
    return catalog
        .resolve(shadow.targetModel())
        .filter(m -> !m.id().equals(served.id()))
        .filter(permitted);
  }
}
