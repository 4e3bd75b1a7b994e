package ai.hyperion.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * One initialised MCP client session to an upstream, for one credential (an org's token, or none),
 * with its listings reused for {@code ttlMillis}. Thread-safe: the SDK client is, and the listings
 * are replaced whole (volatile).
 */
final class UpstreamConnection {

  private final McpSyncClient client;
  private final long ttlMillis;
  private volatile Listing<McpSchema.Tool> tools;
  private volatile Listing<McpSchema.Prompt> prompts;
  private volatile Listing<McpSchema.Resource> resources;

  private record Listing<T>(List<T> items, long readAt) {}

  UpstreamConnection(McpSyncClient client, long ttlMillis) {
    this.client = client;
    this.ttlMillis = ttlMillis;
  }

  McpSyncClient client() {
    return client;
  }

  List<McpSchema.Tool> tools() {
    Listing<McpSchema.Tool> current = tools;
    if (fresh(current)) {
      return current.items();
    }
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page = client.listTools(cursor);
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
        new Listing<>(List.copyOf(client.listPrompts().prompts()), System.currentTimeMillis());
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
        new Listing<>(List.copyOf(client.listResources().resources()), System.currentTimeMillis());
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
    client.closeGracefully();
  }
}
