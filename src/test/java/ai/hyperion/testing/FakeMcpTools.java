package ai.hyperion.testing;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tools of the fake upstream MCP servers: {@code echo} (answers "{@code <label>: <text>}"),
 * {@code add}, {@code whoami} (says whether the call carried a bearer token, never the token),
 * {@code slow} (sleeps {@code seconds}) and {@code crash} (ends the process: stdio only).
 */
public final class FakeMcpTools {

  private FakeMcpTools() {}

  private static Map<String, Object> schema(String... stringProperties) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (String name : stringProperties) {
      properties.put(name, Map.of("type", "string"));
    }
    return Map.of("type", "object", "properties", properties);
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }

  private static SyncToolSpecification tool(
      String name, Map<String, Object> schema, Handler handler) {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder(name, schema).description("fake " + name).build())
        .callHandler(
            (exchange, request) ->
                handler.handle(
                    request.arguments() == null ? Map.of() : request.arguments(),
                    exchange.transportContext().get("authorization")))
        .build();
  }

  private interface Handler {
    McpSchema.CallToolResult handle(Map<String, Object> arguments, Object authorization);
  }

  /**
   * @param label prefixes echo answers
   * @param authorizations receives the {@code Authorization} header of every call (null: none)
   */
  public static List<SyncToolSpecification> tools(String label, Consumer<Object> authorizations) {
    return List.of(
        tool(
            "echo",
            schema("text"),
            (args, auth) -> {
              authorizations.accept(auth);
              return text(label + ": " + args.get("text"));
            }),
        tool(
            "add",
            Map.of(
                "type",
                "object",
                "properties",
                Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number"))),
            (args, auth) ->
                text(
                    String.valueOf(
                        ((Number) args.get("a")).longValue()
                            + ((Number) args.get("b")).longValue()))),
        tool(
            "whoami",
            schema(),
            (args, auth) -> {
              authorizations.accept(auth);
              return text(auth == null ? "anonymous" : "authorized");
            }),
        tool(
            "slow",
            schema("seconds"),
            (args, auth) -> {
              try {
                Thread.sleep(Long.parseLong(String.valueOf(args.get("seconds"))) * 1000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return text("done");
            }),
        tool(
            "crash",
            schema(),
            (args, auth) -> {
              Runtime.getRuntime().halt(3);
              return text("unreachable");
            }));
  }

  /** A prompt {@code greeting} with one argument, {@code name}: "Hello, <name>." from the user. */
  public static McpServerFeatures.SyncPromptSpecification greeting() {
    return new McpServerFeatures.SyncPromptSpecification(
        new McpSchema.Prompt(
            "greeting",
            "greets someone",
            List.of(new McpSchema.PromptArgument("name", "who to greet", true))),
        (exchange, request) ->
            new McpSchema.GetPromptResult(
                "a greeting",
                List.of(
                    new McpSchema.PromptMessage(
                        McpSchema.Role.USER,
                        new McpSchema.TextContent(
                            "Hello, " + request.arguments().get("name") + ".")))));
  }

  /** A text resource {@code readme} at {@code fake://notes/readme}. */
  public static McpServerFeatures.SyncResourceSpecification readme() {
    return new McpServerFeatures.SyncResourceSpecification(
        McpSchema.Resource.builder("fake://notes/readme", "readme")
            .description("the fake server's notes")
            .mimeType("text/plain")
            .build(),
        (exchange, request) ->
            new McpSchema.ReadResourceResult(
                List.of(
                    new McpSchema.TextResourceContents(
                        request.uri(), "text/plain", "Notes of the fake MCP server."))));
  }
}
