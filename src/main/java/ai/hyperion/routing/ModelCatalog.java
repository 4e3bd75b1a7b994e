package ai.hyperion.routing;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ModelConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model normalisation: resolves a requested name (id or alias, or {@code provider/model} for a
 * configured provider) to what serves it. Immutable after construction.
 */
@ApplicationScoped
public class ModelCatalog {

  private Map<String, CatalogModel> byName = Map.of();
  private List<CatalogModel> models = List.of();
  private GatewayConfig config;

  protected ModelCatalog() {}

  @Inject
  public ModelCatalog(GatewayConfig config) {
    this.config = config;
    Map<String, CatalogModel> names = new LinkedHashMap<>();
    List<CatalogModel> all = new ArrayList<>();
    for (ModelConfig model : config.models()) {
      CatalogModel entry =
          new CatalogModel(
              model.id(),
              model.provider(),
              model.upstreamModel() == null ? model.id() : model.upstreamModel(),
              model,
              true);
      all.add(entry);
      names.put(model.id(), entry);
      for (String alias : model.aliases()) {
        names.put(alias, entry);
      }
    }
    this.byName = Collections.unmodifiableMap(names);
    this.models = List.copyOf(all);
  }

  /** Every catalog model (not aliases, not pass-through names), in gateway.yaml's order. */
  public List<CatalogModel> models() {
    return models;
  }

  public Optional<CatalogModel> resolve(String requested) {
    CatalogModel entry = byName.get(requested);
    if (entry != null) {
      return Optional.of(entry);
    }
    int slash = requested.indexOf('/');
    if (slash > 0 && slash < requested.length() - 1) {
      String provider = requested.substring(0, slash);
      if (config.providers().containsKey(provider)) {
        return Optional.of(
            new CatalogModel(requested, provider, requested.substring(slash + 1), null, false));
      }
    }
    return Optional.empty();
  }

  /** Every public name (ids and aliases) with the model it resolves to. */
  public Map<String, CatalogModel> names() {
    return byName;
  }
}
