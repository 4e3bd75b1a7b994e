package ai.hyperion.mcp;

import ai.hyperion.audit.log.RequestLog;
import ai.hyperion.audit.log.RequestLogEntry;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.config.McpConfig;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Records every tool call: a request-log row ({@code endpoint=/mcp}, {@code provider=mcp:<server>},
 * {@code requested_model=<server>__<tool>}, the argument size; the arguments themselves as the
 * prompt body, which the request log keeps only where the org logs bodies, after PII redaction),
 * and the metrics {@code hyperion_mcp_tool_calls_total{server,tool,outcome}} and {@code
 * hyperion_mcp_tool_call_seconds{server,tool}}.
 */
@ApplicationScoped
public class ToolCallAudit {

  private final RequestLog log;
  private final MetricRegistry registry;

  /** Metric handles by name and tags: registering on every call costs a lookup each time. */
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  @Inject
  public ToolCallAudit(
      RequestLog log,
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry registry) {
    this.log = log;
    this.registry = registry;
  }

  /** For the CDI proxy only. */
  protected ToolCallAudit() {
    this.log = null;
    this.registry = null;
  }

  void record(ToolCallRecord call) {
    TenantContext tenant = call.tenant();
    String namespaced = call.server() + McpConfig.SEPARATOR + call.tool();
    ChatRequest arguments =
        call.argumentsJson() == null
            ? null
            : new ChatRequest(
                namespaced,
                List.of(ChatMessage.text(Role.USER, call.argumentsJson())),
                false,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    log.record(
        new RequestLogEntry(
            call.requestId(),
            call.startedAt(),
            tenant.orgId(),
            tenant.teamId(),
            tenant.userId(),
            tenant.keyId(),
            tenant.keyPrefix(),
            "/mcp",
            namespaced,
            call.tool(),
            "mcp:" + call.server(),
            "mcp",
            null,
            null,
            call.status(),
            call.errorCode(),
            false,
            false,
            null,
            0.0,
            call.upstreamMillis() > 0 ? 1 : 0,
            Map.of("upstream", call.upstreamMillis()),
            call.totalMillis(),
            call.clientAddress(),
            arguments,
            null,
            call.argumentBytes()));
    String outcome = call.errorCode() == null ? "ok" : call.errorCode();
    counters
        .computeIfAbsent(
            call.server() + '\u0000' + call.tool() + '\u0000' + outcome,
            k ->
                registry.counter(
                    "hyperion_mcp_tool_calls_total",
                    new Tag("server", call.server()),
                    new Tag("tool", call.tool()),
                    new Tag("outcome", outcome)))
        .inc();
    if (call.upstreamMillis() > 0) {
      timers
          .computeIfAbsent(
              call.server() + '\u0000' + call.tool(),
              k ->
                  registry.timer(
                      "hyperion_mcp_tool_call_seconds",
                      new Tag("server", call.server()),
                      new Tag("tool", call.tool())))
          .update(Duration.ofNanos((long) (call.upstreamMillis() * 1_000_000)));
    }
  }
}
