package ai.hyperion.api.openai;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Authenticated;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.provider.Json;
import ai.hyperion.routing.CatalogModel;
import ai.hyperion.routing.ModelCatalog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** OpenAI's model list: the models (and aliases) this key may use. */
@Path("v1/models")
@ApplicationScoped
@DataPlane
@Authenticated
public class ModelsResource {

  @Inject ModelCatalog catalog;

  @GET
  public Response list(@Context HttpServletRequest request) {
    TenantContext tenant = ExchangeFilter.of(request).tenant();
    ObjectNode body = Json.object().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (Map.Entry<String, CatalogModel> name : catalog.names().entrySet()) {
      if (tenant == null
          || tenant.mayUse(name.getKey(), name.getValue().id(), name.getValue().provider())) {
        data.add(describe(name.getKey(), name.getValue()));
      }
    }
    return Response.ok(Json.bytes(body), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("{model}")
  public Response get(@PathParam("model") String model, @Context HttpServletRequest request) {
    TenantContext tenant = ExchangeFilter.of(request).tenant();
    CatalogModel entry = catalog.names().get(model);
    if (entry == null || (tenant != null && !tenant.mayUse(model, entry.id(), entry.provider()))) {
      throw RequestRefusedException.modelNotFound(model);
    }
    return Response.ok(Json.bytes(describe(model, entry)), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static ObjectNode describe(String name, CatalogModel model) {
    ObjectNode node = Json.object();
    node.put("id", name);
    node.put("object", "model");
    node.put("created", 0);
    node.put("owned_by", model.provider());
    if (!name.equals(model.id())) {
      node.put("alias_of", model.id());
    }
    if (model.facts() != null) {
      ArrayNode capabilities = node.putArray("capabilities");
      model.facts().capabilities().stream().sorted().forEach(capabilities::add);
      if (model.facts().contextWindow() != null) {
        node.put("context_window", model.facts().contextWindow());
      }
    }
    return node;
  }
}
