/**
 * The MCP gateway: {@code /mcp} speaks the Model Context Protocol (Streamable HTTP) to agents and
 * aggregates the upstream MCP servers of gateway.yaml, with the gateway's keys, tool permissions,
 * per-org upstream credentials, rate limits, request log and metrics applied to every call.
 */
package ai.hyperion.mcp;
