package ai.hyperion.mcp;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.config.McpConfig;
import ai.hyperion.policy.PolicyDecision;
import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.provider.Secret;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code tools/call}: resolves {@code <server>__<tool>}, checks the caller's allow-lists, admits
 * the call against the rate limits, calls the upstream with the org's token, and records the call —
 * exactly once, whatever the outcome.
 */
@ApplicationScoped
public class ToolCaller {

  private final McpUpstreams upstreams;
  private final ToolPermissions permissions;
  private final UpstreamCredentials credentials;
  private final ToolCallLimits limits;
  private final ToolCallAudit audit;

  @Inject
  public ToolCaller(
      McpUpstreams upstreams,
      ToolPermissions permissions,
      UpstreamCredentials credentials,
      ToolCallLimits limits,
      ToolCallAudit audit) {
    this.upstreams = upstreams;
    this.permissions = permissions;
    this.credentials = credentials;
    this.limits = limits;
    this.audit = audit;
  }

  /** For the CDI proxy only. */
  protected ToolCaller() {
    this(null, null, null, null, null);
  }

  /** The namespaced name split in server and tool, or null when it has no server prefix. */
  static String[] split(String namespaced) {
    if (namespaced == null) {
      return null;
    }
    int at = namespaced.indexOf(McpConfig.SEPARATOR);
    if (at <= 0 || at + McpConfig.SEPARATOR.length() >= namespaced.length()) {
      return null;
    }
    return new String[] {
      namespaced.substring(0, at), namespaced.substring(at + McpConfig.SEPARATOR.length())
    };
  }

  public McpSchema.CallToolResult call(
      TenantContext tenant, String clientAddress, Map<String, Object> params) {
    Object name = params.get("name");
    String[] parts = split(name instanceof String s ? s : null);
    Optional<UpstreamServer> server = parts == null ? Optional.empty() : upstreams.server(parts[0]);
    if (server.isEmpty()) {
      throw McpErrors.of(
          McpErrors.INVALID_PARAMS,
          404,
          "tool_not_found",
          "Unknown tool '"
              + name
              + "': tools are named <server>__<tool>; tools/list shows the ones you may call.");
    }
    Object arguments = params.get("arguments") == null ? Map.of() : params.get("arguments");
    if (!(arguments instanceof Map)) {
      throw McpErrors.of(
          McpErrors.INVALID_PARAMS,
          400,
          "invalid_arguments",
          "The arguments of a tool call are a JSON object.");
    }
    String argumentsJson = write(upstreams.json(), arguments);
    Call call =
        new Call(
            newRequestId(),
            Instant.now(),
            System.nanoTime(),
            tenant,
            server.get(),
            parts[1],
            argumentsJson,
            clientAddress);
    Optional<String> refusal = permissions.refusal(tenant, parts[0], parts[1]);
    if (refusal.isPresent()) {
      call.end(0, 403, "tool_not_allowed");
      throw McpErrors.of(McpErrors.NOT_ALLOWED, 403, "tool_not_allowed", refusal.get());
    }
    PolicyDecision decision =
        limits
            .admit(
                call.requestId,
                tenant,
                parts[0] + McpConfig.SEPARATOR + parts[1],
                server.get().config().toolRequestsPerMinute())
            .toCompletableFuture()
            .join();
    if (decision instanceof Refused refused) {
      call.end(0, refused.status(), refused.code());
      throw McpErrors.of(
          McpErrors.RATE_LIMITED,
          refused.status(),
          refused.code(),
          refused.message(),
          Map.of("retryAfterSeconds", refused.retryAfterSeconds()));
    }
    Admitted admitted = (Admitted) decision;
    long upstreamStart = System.nanoTime();
    try {
      Optional<Secret> token =
          server.get().stdio() ? Optional.empty() : credentials.tokenFor(tenant.orgId(), parts[0]);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("name", parts[1]);
      request.put("arguments", arguments);
      McpSchema.CallToolRequest upstreamRequest =
          upstreams.json().convertValue(request, McpSchema.CallToolRequest.class);
      McpSchema.CallToolResult result =
          server.get().run(tenant.orgId(), token, c -> c.callTool(upstreamRequest));
      boolean toolError = Boolean.TRUE.equals(result.isError());
      call.end(upstreamStart, 200, toolError ? "tool_error" : null);
      return result;
    } catch (UpstreamFailure failure) {
      boolean timeout = "upstream_timeout".equals(failure.code());
      call.end(upstreamStart, timeout ? 504 : 502, failure.code());
      throw McpErrors.upstream(failure);
    } catch (McpError upstreamError) {
      call.end(upstreamStart, 502, "upstream_error");
      throw upstreamError;
    } finally {
      limits.settle(admitted.reservation());
    }
  }

  private static String write(McpJsonMapper json, Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw McpErrors.of(
          McpErrors.INVALID_PARAMS, 400, "invalid_arguments", "The tool arguments are not JSON.");
    }
  }

  private static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "mcp_"
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  /** One call in flight; {@link #end} records it. */
  private final class Call {
    final String requestId;
    final Instant startedAt;
    final long startNanos;
    final TenantContext tenant;
    final UpstreamServer server;
    final String tool;
    final String argumentsJson;
    final String clientAddress;

    Call(
        String requestId,
        Instant startedAt,
        long startNanos,
        TenantContext tenant,
        UpstreamServer server,
        String tool,
        String argumentsJson,
        String clientAddress) {
      this.requestId = requestId;
      this.startedAt = startedAt;
      this.startNanos = startNanos;
      this.tenant = tenant;
      this.server = server;
      this.tool = tool;
      this.argumentsJson = argumentsJson;
      this.clientAddress = clientAddress;
    }

    /** {@code upstreamStart} 0: the upstream was not called. */
    void end(long upstreamStart, int status, String errorCode) {
      long now = System.nanoTime();
      audit.record(
          new ToolCallRecord(
              requestId,
              startedAt,
              tenant,
              server.name(),
              tool,
              argumentsJson,
              argumentsJson.getBytes(StandardCharsets.UTF_8).length,
              upstreamStart == 0 ? 0 : (now - upstreamStart) / 1e6,
              (now - startNanos) / 1e6,
              status,
              errorCode,
              clientAddress));
    }
  }
}
