package ai.hyperion.mcp;

import java.time.Instant;

/**
 * An upstream MCP server as the admin API shows it: {@code status} {@code up} (answered last time),
 * {@code down} (in back-off after a failure, {@code lastError} says which), or {@code unknown} (not
 * called yet); how many client sessions the gateway holds to it.
 */
public record UpstreamHealth(
    String name,
    String transport,
    String description,
    String status,
    String lastError,
    Instant lastOkAt,
    int connections) {}
