package ai.hyperion.mcp;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Scope;
import ai.hyperion.mcp.UpstreamCredentials.CredentialView;
import ai.hyperion.provider.Secret;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The MCP gateway in the admin API, per org ({@link AccessPolicy} ORG area: org readers see, org
 * writers change): upstream servers with their health and tools, the tool allow-lists, and the
 * org's upstream tokens (write-only: the API says whether one is set, never what it is).
 */
@Path("/admin/api/orgs/{orgId}/mcp")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: MCP gateway")
@SecurityRequirement(name = "hyperionKey")
public class McpAdminResource {

  @Inject McpUpstreams upstreams;
  @Inject ToolPermissions permissions;
  @Inject UpstreamCredentials credentials;
  @Inject CurrentCaller currentCaller;

  /** The body of {@code PUT grants}. */
  public record GrantList(List<ToolGrant> grants) {}

  /** The body of {@code PUT credentials/{server}}. */
  public record TokenRequest(String token) {
    @Override
    public String toString() {
      return "TokenRequest[token=" + new Secret(token) + "]";
    }
  }

  /** A server's tools as the org reaches them (with its token). */
  public record ServerTools(String server, List<String> tools) {}

  private void check(String orgId, Access access) {
    Caller caller = currentCaller.caller();
    if (!AccessPolicy.permits(caller, Area.ORG, access, Scope.org(orgId))) {
      throw AdminApiException.forbidden(caller.role(), access, Area.ORG);
    }
  }

  private UpstreamServer server(String name) {
    return upstreams.server(name).orElseThrow(() -> AdminApiException.notFound("MCP server", name));
  }

  @GET
  @Path("servers")
  @Operation(summary = "List the upstream MCP servers with their health")
  public List<UpstreamHealth> listServers(@PathParam("orgId") String orgId) {
    check(orgId, Access.READ);
    return upstreams.health();
  }

  @GET
  @Path("servers/{server}/tools")
  @Operation(summary = "List a server's tools as the org reaches them (un-prefixed names)")
  public ServerTools listServerTools(
      @PathParam("orgId") String orgId, @PathParam("server") String name) {
    check(orgId, Access.READ);
    UpstreamServer server = server(name);
    try {
      List<McpSchema.Tool> tools =
          server.run(
              orgId,
              server.stdio() ? Optional.empty() : credentials.tokenFor(orgId, name),
              UpstreamConnection::tools);
      return new ServerTools(name, tools.stream().map(McpSchema.Tool::name).toList());
    } catch (UpstreamFailure failure) {
      throw new AdminApiException(
          "upstream_timeout".equals(failure.code()) ? 504 : 502,
          failure.code(),
          failure.getMessage(),
          List.of());
    }
  }

  @GET
  @Path("grants")
  @Operation(summary = "Read the org's tool allow-lists (org, team and key levels)")
  public GrantList getGrants(@PathParam("orgId") String orgId) {
    check(orgId, Access.READ);
    return new GrantList(permissions.grants(orgId));
  }

  @PUT
  @Path("grants")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace the org's tool allow-lists")
  @RequestBody(content = @Content(schema = @Schema(implementation = GrantList.class)))
  public GrantList putGrants(@PathParam("orgId") String orgId, byte[] body) {
    check(orgId, Access.WRITE);
    GrantList request = AdminJson.read(body, GrantList.class);
    List<ToolGrant> grants =
        request == null || request.grants() == null ? List.of() : request.grants();
    for (int i = 0; i < grants.size(); i++) {
      validate(grants.get(i), "grants[" + i + "]");
    }
    return new GrantList(permissions.replace(currentCaller.caller(), orgId, grants));
  }

  private void validate(ToolGrant grant, String where) {
    if (grant == null) {
      throw AdminApiException.invalid(where, "is required");
    }
    if (grant.level() == null || !ToolPermissions.LEVELS.contains(grant.level())) {
      throw AdminApiException.invalid(where + ".level", "must be one of org, team, key");
    }
    if (grant.subjectId() == null
        || grant.subjectId().isBlank()
        || grant.subjectId().length() > 40) {
      throw AdminApiException.invalid(where + ".subjectId", "is required (an org, team or key id)");
    }
    if (grant.server() == null || upstreams.server(grant.server()).isEmpty()) {
      throw AdminApiException.invalid(where + ".server", "is not an MCP server of gateway.yaml");
    }
    if (grant.tool() == null || grant.tool().isBlank() || grant.tool().length() > 200) {
      throw AdminApiException.invalid(where + ".tool", "is required: a tool name, or * for all");
    }
  }

  @GET
  @Path("credentials")
  @Operation(summary = "List the servers the org holds a token for (never the tokens)")
  public List<CredentialView> listCredentials(@PathParam("orgId") String orgId) {
    check(orgId, Access.READ);
    return credentials.list(orgId);
  }

  @PUT
  @Path("credentials/{server}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the org's token for a server, sent upstream as a bearer token")
  @RequestBody(content = @Content(schema = @Schema(implementation = TokenRequest.class)))
  public CredentialView putCredential(
      @PathParam("orgId") String orgId, @PathParam("server") String name, byte[] body) {
    check(orgId, Access.WRITE);
    UpstreamServer server = server(name);
    if (server.stdio()) {
      throw AdminApiException.invalid(
          "server", "is a stdio server: give it credentials in its env in gateway.yaml");
    }
    TokenRequest request = AdminJson.read(body, TokenRequest.class);
    if (request == null || request.token() == null || request.token().isBlank()) {
      throw AdminApiException.invalid("token", "is required");
    }
    if (!credentials.canStore()) {
      throw AdminApiException.conflict(
          "No encryption key is configured ("
              + McpSettings.TOKEN_KEY
              + "): tokens are not"
              + " stored in the clear.");
    }
    return credentials.put(currentCaller.caller(), orgId, name, new Secret(request.token().trim()));
  }

  @DELETE
  @Path("credentials/{server}")
  @Operation(summary = "Remove the org's token for a server")
  public Response deleteCredential(
      @PathParam("orgId") String orgId, @PathParam("server") String name) {
    check(orgId, Access.WRITE);
    if (!credentials.delete(currentCaller.caller(), orgId, name)) {
      throw AdminApiException.notFound("MCP credential", name);
    }
    return Response.noContent().build();
  }
}
