package ai.hyperion.cache;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.cache.CacheAdminViews.PurgeRequest;
import ai.hyperion.cache.CacheAdminViews.PurgeResult;
import ai.hyperion.cache.CacheAdminViews.SettingsRequest;
import ai.hyperion.cache.CacheAdminViews.SettingsView;
import ai.hyperion.cache.CacheAdminViews.StatsView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organisation's response cache: settings, statistics, purge. */
@Path("/admin/api/orgs/{orgId}/cache")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: response cache")
@SecurityRequirement(name = "hyperionKey")
public class CacheResource {

  @Inject CacheSettingsService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Path("settings")
  @Operation(summary = "Read the organisation's cache settings (defaults until changed)")
  public SettingsView getCacheSettings(@PathParam("orgId") String orgId) {
    return service.get(currentCaller.caller(), orgId);
  }

  @PATCH
  @Path("settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change cache settings: tiers on/off, scope, TTL, similarity threshold, max entries,"
              + " caching of tool-call answers")
  @RequestBody(content = @Content(schema = @Schema(implementation = SettingsRequest.class)))
  public SettingsView updateCacheSettings(@PathParam("orgId") String orgId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, AdminJson.read(body, SettingsRequest.class));
  }

  @GET
  @Path("stats")
  @Operation(summary = "Hits, misses, hit ratio, entries, bytes and saved cost per tier")
  public StatsView getCacheStats(@PathParam("orgId") String orgId) {
    return service.stats(currentCaller.caller(), orgId);
  }

  @POST
  @Path("purge")
  // An empty purge (everything of the organisation) may come without a body or content type.
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(summary = "Remove the organisation's entries, optionally of one model or older than")
  @RequestBody(content = @Content(schema = @Schema(implementation = PurgeRequest.class)))
  public PurgeResult purgeCache(@PathParam("orgId") String orgId, byte[] body) {
    PurgeRequest request =
        body == null || body.length == 0 ? null : AdminJson.read(body, PurgeRequest.class);
    return service.purge(currentCaller.caller(), orgId, request);
  }
}
