package ai.hyperion.mcp;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.config.McpConfig;
import ai.hyperion.provider.Secret;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * The MCP methods {@code /mcp} answers, behind the SDK's Streamable HTTP transport: {@code
 * initialize} (issues a signed session), {@code ping}, {@code tools/list} and {@code tools/call},
 * {@code prompts/list|get}, {@code resources/list|read}, aggregated over the upstream servers with
 * names prefixed {@code <server>__} and filtered by the caller's allow-lists. A server that is down
 * is left out of listings; its tools fail fast.
 */
@ApplicationScoped
public class McpGateway implements McpStatelessServerHandler {

  private static final Logger LOG = Logger.getLogger(McpGateway.class.getName());

  /** Transport-context keys, filled by {@link McpEndpoint}. */
  static final String TENANT = "hyperion.tenant";

  static final String ADDRESS = "hyperion.address";
  static final String SESSION = "hyperion.session";

  /** Newest first; a client asking for another gets the newest. */
  static final List<String> PROTOCOL_VERSIONS =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

  private final McpUpstreams upstreams;
  private final ToolPermissions permissions;
  private final UpstreamCredentials credentials;
  private final ToolCaller caller;
  private final SessionTokens sessions;

  /** Lists the upstreams in parallel; absent outside the container (then one after another). */
  @Resource ManagedExecutorService executor;

  @Inject
  public McpGateway(
      McpUpstreams upstreams,
      ToolPermissions permissions,
      UpstreamCredentials credentials,
      ToolCaller caller,
      SessionTokens sessions) {
    this.upstreams = upstreams;
    this.permissions = permissions;
    this.credentials = credentials;
    this.caller = caller;
    this.sessions = sessions;
  }

  /** For the CDI proxy only. */
  protected McpGateway() {
    this(null, null, null, null, null);
  }

  @Override
  public Mono<JSONRPCResponse> handleRequest(
      McpTransportContext context, McpSchema.JSONRPCRequest request) {
    return Mono.fromCallable(() -> respond(context, request));
  }

  @Override
  public Mono<Void> handleNotification(
      McpTransportContext context, McpSchema.JSONRPCNotification notification) {
    // initialized, cancelled, roots changes: nothing to keep for a stateless gateway.
    return Mono.empty();
  }

  private JSONRPCResponse respond(McpTransportContext context, McpSchema.JSONRPCRequest request) {
    TenantContext tenant = (TenantContext) context.get(TENANT);
    try {
      Map<String, Object> params =
          request.params() == null
              ? Map.of()
              : upstreams.json().convertValue(request.params(), MAP);
      Object result =
          switch (request.method()) {
            case McpSchema.METHOD_INITIALIZE -> initialize(context, tenant, params);
            case McpSchema.METHOD_PING -> Map.of();
            case McpSchema.METHOD_TOOLS_LIST -> Map.of("tools", tools(tenant));
            case McpSchema.METHOD_TOOLS_CALL ->
                caller.call(tenant, (String) context.get(ADDRESS), params);
            case McpSchema.METHOD_PROMPT_LIST -> Map.of("prompts", prompts(tenant));
            case McpSchema.METHOD_PROMPT_GET -> getPrompt(tenant, params);
            case McpSchema.METHOD_RESOURCES_LIST -> Map.of("resources", resources(tenant));
            case McpSchema.METHOD_RESOURCES_READ -> readResource(tenant, params);
            default ->
                throw McpErrors.of(
                    McpErrors.METHOD_NOT_FOUND,
                    404,
                    "method_not_found",
                    "The gateway does not serve '" + request.method() + "'.");
          };
      return JSONRPCResponse.result(request.id(), result);
    } catch (McpError e) {
      return JSONRPCResponse.error(request.id(), e.getJsonRpcError());
    } catch (IllegalArgumentException e) {
      return JSONRPCResponse.error(
          request.id(),
          new JSONRPCResponse.JSONRPCError(
              McpErrors.INVALID_PARAMS, "Invalid parameters for " + request.method()));
    } catch (RuntimeException e) {
      // Never an exception's text to the client: it may name internals.
      LOG.log(Level.WARNING, "MCP " + request.method() + " failed", e);
      return JSONRPCResponse.error(
          request.id(),
          new JSONRPCResponse.JSONRPCError(
              McpSchema.ErrorCodes.INTERNAL_ERROR,
              "The gateway could not handle " + request.method() + "; it has been logged."));
    }
  }

  private Map<String, Object> initialize(
      McpTransportContext context, TenantContext tenant, Map<String, Object> params) {
    Object asked = params.get("protocolVersion");
    String version =
        asked instanceof String s && PROTOCOL_VERSIONS.contains(s) ? s : PROTOCOL_VERSIONS.get(0);
    @SuppressWarnings("unchecked")
    Consumer<String> session = (Consumer<String>) context.get(SESSION);
    if (session != null) {
      session.accept(sessions.issue(tenant.keyPrefix(), version));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("protocolVersion", version);
    result.put(
        "capabilities",
        Map.of(
            "tools", Map.of("listChanged", false),
            "prompts", Map.of("listChanged", false),
            "resources", Map.of("listChanged", false, "subscribe", false)));
    result.put("serverInfo", Map.of("name", "hyperion-mcp-gateway", "version", "1.0"));
    result.put(
        "instructions",
        "Tools of several MCP servers, named <server>__<tool>. Calls are governed by the"
            + " gateway: allow-lists, rate limits and audit apply.");
    return result;
  }

  private List<Map<String, Object>> tools(TenantContext tenant) {
    return listEach(
        tenant,
        UpstreamConnection::tools,
        McpSchema.Tool::name,
        (server, tool) -> renamed(tool, server));
  }

  private List<Map<String, Object>> prompts(TenantContext tenant) {
    return listEach(
        tenant,
        UpstreamConnection::prompts,
        McpSchema.Prompt::name,
        (server, prompt) -> renamed(prompt, server));
  }

  private List<Map<String, Object>> resources(TenantContext tenant) {
    return listEach(
        tenant,
        UpstreamConnection::resources,
        McpSchema.Resource::name,
        (server, resource) -> renamed(resource, server));
  }

  private interface Renamer<T> {
    Map<String, Object> apply(String server, T item);
  }

  /**
   * Each reachable server's items the caller may use, renamed; servers that fail are skipped. The
   * servers are asked in parallel, so a stalled one costs its timeout once, not once per server.
   */
  private <T> List<Map<String, Object>> listEach(
      TenantContext tenant,
      Function<UpstreamConnection, List<T>> listing,
      Function<T, String> nameOf,
      Renamer<T> renamer) {
    List<UpstreamServer> servers = List.copyOf(upstreams.all());
    List<CompletableFuture<List<T>>> lists = new ArrayList<>(servers.size());
    for (UpstreamServer server : servers) {
      Optional<Secret> token = token(tenant, server);
      Supplier<List<T>> list = () -> listQuietly(server, tenant, token, listing);
      lists.add(
          executor == null
              ? CompletableFuture.completedFuture(list.get())
              : CompletableFuture.supplyAsync(list, executor));
    }
    List<Map<String, Object>> all = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      String server = servers.get(i).name();
      for (T item : lists.get(i).join()) {
        if (permissions.refusal(tenant, server, nameOf.apply(item)).isEmpty()) {
          all.add(renamer.apply(server, item));
        }
      }
    }
    return all;
  }

  private static <T> List<T> listQuietly(
      UpstreamServer server,
      TenantContext tenant,
      Optional<Secret> token,
      Function<UpstreamConnection, List<T>> listing) {
    try {
      return server.run(tenant.orgId(), token, listing);
    } catch (UpstreamFailure | McpError e) {
      LOG.log(
          Level.FINE,
          "MCP server {0} left out of a listing: {1}",
          new Object[] {server.name(), e.getMessage()});
      return List.of();
    }
  }

  private Map<String, Object> renamed(Object item, String server) {
    Map<String, Object> map = new LinkedHashMap<>(upstreams.json().convertValue(item, MAP));
    map.put("name", server + McpConfig.SEPARATOR + map.get("name"));
    return map;
  }

  private Optional<Secret> token(TenantContext tenant, UpstreamServer server) {
    return server.stdio() ? Optional.empty() : credentials.tokenFor(tenant.orgId(), server.name());
  }

  private Object getPrompt(TenantContext tenant, Map<String, Object> params) {
    Object name = params.get("name");
    String[] parts = ToolCaller.split(name instanceof String s ? s : null);
    UpstreamServer server = parts == null ? null : upstreams.server(parts[0]).orElse(null);
    if (server == null || permissions.refusal(tenant, parts[0], parts[1]).isPresent()) {
      throw McpErrors.of(
          McpErrors.INVALID_PARAMS, 404, "prompt_not_found", "Unknown prompt '" + name + "'.");
    }
    Map<String, Object> request = new LinkedHashMap<>(params);
    request.put("name", parts[1]);
    McpSchema.GetPromptRequest upstream =
        upstreams.json().convertValue(request, McpSchema.GetPromptRequest.class);
    try {
      return server.run(tenant.orgId(), token(tenant, server), c -> c.getPrompt(upstream));
    } catch (UpstreamFailure failure) {
      throw McpErrors.upstream(failure);
    }
  }

  private Object readResource(TenantContext tenant, Map<String, Object> params) {
    Object uri = params.get("uri");
    for (UpstreamServer server : upstreams.all()) {
      Optional<Secret> token = token(tenant, server);
      Optional<McpSchema.Resource> match;
      try {
        match =
            server.run(tenant.orgId(), token, UpstreamConnection::resources).stream()
                .filter(r -> r.uri().equals(uri))
                .findFirst();
      } catch (UpstreamFailure | McpError e) {
        continue;
      }
      if (match.isPresent()
          && permissions.refusal(tenant, server.name(), match.get().name()).isEmpty()) {
        McpSchema.ReadResourceRequest read =
            upstreams.json().convertValue(params, McpSchema.ReadResourceRequest.class);
        try {
          return server.run(tenant.orgId(), token, c -> c.readResource(read));
        } catch (UpstreamFailure failure) {
          throw McpErrors.upstream(failure);
        }
      }
    }
    throw McpErrors.of(
        McpErrors.INVALID_PARAMS, 404, "resource_not_found", "Unknown resource '" + uri + "'.");
  }
}
