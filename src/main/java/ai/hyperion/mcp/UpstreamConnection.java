package ai.hyperion.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One initialised MCP client session to an upstream, for one credential (an org's token, or none),
 * with its listings reused for {@code ttlMillis}. Every request waits at most {@code callTimeout}
 * (a {@link java.util.concurrent.TimeoutException} cause otherwise). Thread-safe: the SDK client
 * is, and the listings are replaced whole (volatile).
 */
final class UpstreamConnection {

  private final McpAsyncClient client;
  private final Duration callTimeout;
  private final long ttlMillis;
  private volatile Listing<McpSchema.Tool> tools;
  private volatile Listing<McpSchema.Prompt> prompts;
  private volatile Listing<McpSchema.Resource> resources;

  private record Listing<T>(List<T> items, long readAt) {}

  UpstreamConnection(McpAsyncClient client, Duration callTimeout, long ttlMillis) {
    this.client = client;
    this.callTimeout = callTimeout;
    this.ttlMillis = ttlMillis;
  }

  private <T> T await(Mono<T> call) {
    return call.timeout(callTimeout).block();
  }

  McpSchema.CallToolResult callTool(McpSchema.CallToolRequest request) {
    return await(client.callTool(request));
  }

  McpSchema.GetPromptResult getPrompt(McpSchema.GetPromptRequest request) {
    return await(client.getPrompt(request));
  }

  McpSchema.ReadResourceResult readResource(McpSchema.ReadResourceRequest request) {
    return await(client.readResource(request));
  }

  List<McpSchema.Tool> tools() {
    Listing<McpSchema.Tool> current = tools;
    if (fresh(current)) {
      return current.items();
    }
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = await(client.listTools(cursor));
      all.addAll(page.tools());
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isEmpty());
    tools = new Listing<>(List.copyOf(all), System.currentTimeMillis());
    return tools.items();
  }

  List<McpSchema.Prompt> prompts() {
    if (!supports(Capability.PROMPTS)) {
      return List.of();
    }
    Listing<McpSchema.Prompt> current = prompts;
    if (fresh(current)) {
      return current.items();
    }
    prompts =
        new Listing<>(
            List.copyOf(await(client.listPrompts()).prompts()), System.currentTimeMillis());
    return prompts.items();
  }

  List<McpSchema.Resource> resources() {
    if (!supports(Capability.RESOURCES)) {
      return List.of();
    }
    Listing<McpSchema.Resource> current = resources;
    if (fresh(current)) {
      return current.items();
    }
    resources =
        new Listing<>(
            List.copyOf(await(client.listResources()).resources()), System.currentTimeMillis());
    return resources.items();
  }

  private enum Capability {
    PROMPTS,
    RESOURCES
  }

  private boolean supports(Capability capability) {
    McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
    if (capabilities == null) {
      return false;
    }
    return switch (capability) {
      case PROMPTS -> capabilities.prompts() != null;
      case RESOURCES -> capabilities.resources() != null;
    };
  }

  private <T> boolean fresh(Listing<T> listing) {
    return listing != null && System.currentTimeMillis() - listing.readAt() < ttlMillis;
  }

  void close() {
    client.close();
  }
}
