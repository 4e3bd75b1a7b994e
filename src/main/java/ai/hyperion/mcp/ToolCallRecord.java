package ai.hyperion.mcp;

import ai.hyperion.auth.TenantContext;
import java.time.Instant;

/**
 * One tool call as it ended: who, which tool of which server, the argument size, how long, and the
 * outcome ({@code status} as HTTP would say it: 200, 403 not allowed, 404 unknown tool, 429
 * limited, 502 upstream unavailable, 504 upstream timeout; {@code errorCode} null on success,
 * {@code tool_error} when the tool itself reported an error).
 */
record ToolCallRecord(
    String requestId,
    Instant startedAt,
    TenantContext tenant,
    String server,
    String tool,
    String argumentsJson,
    int argumentBytes,
    double upstreamMillis,
    double totalMillis,
    int status,
    String errorCode,
    String clientAddress) {}
