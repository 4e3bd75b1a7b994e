package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import ai.hyperion.mcp.SessionTokens;
import ai.hyperion.testing.FakeHttpMcpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP gateway through real HTTP with the MCP Java SDK as the client, in front of two fake MCP
 * servers built with the same SDK: {@code fake-http} (Streamable HTTP, started here) and {@code
 * fake-stdio} (a process the gateway starts), {@code fake-sse} (the older HTTP+SSE transport), plus
 * {@code fake-dead} that nobody runs. Each test works in an org of its own with keys of its own.
 */
class McpGatewayIT extends GatewayIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  /** hyperion.mcp.session-key of the test server (src/test/arquillian/arquillian.xml). */
  private static final String SESSION_KEY = "aXQtb25seS1tY3Atc2Vzc2lvbi1zaWduaW5nLWtleS0wMDAw";

  private static FakeHttpMcpServer fakeHttp;

  private final AdminClient admin = new AdminClient(baseUrl());
  private final List<McpSyncClient> clients = new ArrayList<>();
  private String org;
  private String userId;

  private record Key(String id, String secret, String prefix) {}

  @BeforeAll
  static void startFakeServer() throws Exception {
    fakeHttp = new FakeHttpMcpServer(Integer.getInteger("it.mcp.port"));
  }

  @AfterAll
  static void stopFakeServer() throws Exception {
    fakeHttp.close();
  }

  @BeforeEach
  void createOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(admin.post("/admin/api/orgs", KEY, obj("name", "mcp-" + suffix))).text("/id");
    userId =
        created(
                admin.post(
                    orgPath("/users"),
                    KEY,
                    obj("email", "agent-" + suffix + "@it.test", "role", "MEMBER")))
            .text("/id");
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::close);
  }

  private String orgPath(String rest) {
    return "/admin/api/orgs/" + org + rest;
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private Key key(Map<String, Object> limits) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("name", "agent")
            .put("userId", userId)
            .set("limits", JSON.valueToTree(limits))
            .toString();
    Answer key = created(admin.post(orgPath("/keys"), KEY, body));
    return new Key(key.text("/details/id"), key.text("/key"), key.text("/details/prefix"));
  }

  private McpSyncClient client(Key key) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(baseUrl())
            .endpoint("/mcp")
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .httpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.setHeader("Authorization", "Bearer " + key.secret()))
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(PATIENCE)
            .clientInfo(new McpSchema.Implementation("hyperion-it", "1.0"))
            .jsonSchemaValidator(new DefaultJsonSchemaValidator())
            .build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static Set<String> toolNames(McpSyncClient client) {
    return client.listTools().tools().stream()
        .map(McpSchema.Tool::name)
        .collect(Collectors.toSet());
  }

  private static McpSchema.CallToolResult call(
      McpSyncClient client, String tool, Map<String, Object> arguments) {
    return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private static String errorCode(McpError error) {
    Object data = error.getJsonRpcError().data();
    return data instanceof Map<?, ?> map ? String.valueOf(map.get("code")) : null;
  }

  @Test
  void listsAndCallsTheToolsOfBothServersUnderTheirPrefixes() throws Exception {
    McpSyncClient client = client(key(Map.of()));
    Set<String> tools = toolNames(client);
    assertTrue(tools.contains("fake-http__echo"), tools.toString());
    assertTrue(tools.contains("fake-http__add"), tools.toString());
    assertTrue(tools.contains("fake-stdio__echo"), tools.toString());
    assertTrue(tools.contains("fake-sse__echo"), tools.toString());
    assertFalse(tools.stream().anyMatch(t -> t.startsWith("fake-dead__")), tools.toString());

    assertEquals("http: hello", text(call(client, "fake-http__echo", Map.of("text", "hello"))));
    assertEquals("stdio: hi", text(call(client, "fake-stdio__echo", Map.of("text", "hi"))));
    assertEquals("5", text(call(client, "fake-http__add", Map.of("a", 2, "b", 3))));
    assertEquals("sse: old", text(call(client, "fake-sse__echo", Map.of("text", "old"))));

    McpError unknown = assertThrows(McpError.class, () -> call(client, "no-such__tool", Map.of()));
    assertEquals("tool_not_found", errorCode(unknown));
  }

  @Test
  void promptsAndResourcesOfTheServersAreServedUnderTheirPrefixes() throws Exception {
    McpSyncClient client = client(key(Map.of()));
    List<String> prompts =
        client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
    assertTrue(prompts.contains("fake-http__greeting"), prompts.toString());
    McpSchema.GetPromptResult greeting =
        client.getPrompt(
            new McpSchema.GetPromptRequest("fake-http__greeting", Map.of("name", "Ada")));
    assertEquals(
        "Hello, Ada.", ((McpSchema.TextContent) greeting.messages().get(0).content()).text());

    List<McpSchema.Resource> resources = client.listResources().resources();
    McpSchema.Resource readme =
        resources.stream()
            .filter(r -> r.name().equals("fake-http__readme"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(resources.toString()));
    assertEquals("fake://notes/readme", readme.uri());
    McpSchema.ReadResourceResult read =
        client.readResource(new McpSchema.ReadResourceRequest(readme.uri()));
    assertEquals(
        "Notes of the fake MCP server.",
        ((McpSchema.TextResourceContents) read.contents().get(0)).text());

    McpError unknown =
        assertThrows(
            McpError.class,
            () -> client.getPrompt(new McpSchema.GetPromptRequest("no-such__greeting", Map.of())));
    assertEquals("prompt_not_found", errorCode(unknown));
    // A prompt the server does not have: the server's own refusal reaches the client.
    assertThrows(
        McpError.class,
        () -> client.getPrompt(new McpSchema.GetPromptRequest("fake-http__nope", Map.of())));
  }

  @Test
  void aKeyAllowedOneServerSeesOnlyItsToolsAndIsRefusedTheOthers() throws Exception {
    Key restricted = key(Map.of());
    Answer grants =
        admin.call(
            "PUT",
            orgPath("/mcp/grants"),
            KEY,
            "{\"grants\":[{\"level\":\"key\",\"subjectId\":\""
                + restricted.id()
                + "\",\"server\":\"fake-stdio\",\"tool\":\"*\"}]}");
    assertEquals(200, grants.status(), grants.raw());

    McpSyncClient client = client(restricted);
    Set<String> tools = toolNames(client);
    assertFalse(tools.isEmpty());
    assertTrue(tools.stream().allMatch(t -> t.startsWith("fake-stdio__")), tools.toString());

    McpError refused =
        assertThrows(McpError.class, () -> call(client, "fake-http__echo", Map.of("text", "nope")));
    assertEquals("tool_not_allowed", errorCode(refused));
    String message = refused.getJsonRpcError().message();
    assertTrue(message.contains("fake-http__echo") && message.contains("allow-list"), message);
    assertEquals("stdio: ok", text(call(client, "fake-stdio__echo", Map.of("text", "ok"))));

    // Another key of the same org is not restricted.
    assertTrue(toolNames(client(key(Map.of()))).contains("fake-http__echo"));
  }

  @Test
  void theOrgsUpstreamTokenReachesTheServerAndNeverTheClient() throws Exception {
    String token = "upstream-token-" + UUID.randomUUID();
    Answer put = admin.call("PUT", orgPath("/mcp/credentials/fake-http"), KEY, obj("token", token));
    assertEquals(200, put.status(), put.raw());
    assertFalse(put.raw().contains(token), put.raw());
    Answer listed = admin.get(orgPath("/mcp/credentials"), KEY);
    assertEquals(200, listed.status(), listed.raw());
    assertTrue(listed.raw().contains("fake-http") && !listed.raw().contains(token), listed.raw());

    Key key = key(Map.of());
    McpSyncClient client = client(key);
    McpSchema.CallToolResult result = call(client, "fake-http__whoami", Map.of());
    assertEquals("authorized", text(result));
    assertEquals(
        "Bearer " + token, fakeHttp.authorizations().get(fakeHttp.authorizations().size() - 1));
    assertFalse(JSON.writeValueAsString(result).contains(token));

    HttpResponse<String> raw = rawCall(key, null, toolsCall("fake-http__whoami"));
    assertEquals(200, raw.statusCode(), raw.body());
    assertTrue(raw.body().contains("authorized"), raw.body());
    assertFalse(raw.body().contains(token), raw.body());
    assertFalse(raw.headers().toString().contains(token));
  }

  @Test
  void callsOverTheKeysRateLimitAndTheToolsLimitAreRefused() throws Exception {
    McpSyncClient limited = client(key(Map.of("requestsPerMinute", 2)));
    McpError refused = null;
    // A minute boundary may reset the window once; within six calls a third in one minute comes.
    for (int i = 0; i < 6 && refused == null; i++) {
      try {
        call(limited, "fake-stdio__echo", Map.of("text", "n" + i));
      } catch (McpError e) {
        refused = e;
      }
    }
    assertNotNull(refused, "two calls a minute were never refused");
    assertEquals("rate_limit_exceeded", errorCode(refused));
    assertTrue(
        refused.getJsonRpcError().message().contains("requests per minute"),
        refused.getJsonRpcError().message());

    // fake-http allows 4 calls a minute per key and tool.
    McpSyncClient perTool = client(key(Map.of()));
    McpError toolRefused = null;
    for (int i = 0; i < 10 && toolRefused == null; i++) {
      try {
        call(perTool, "fake-http__add", Map.of("a", i, "b", 1));
      } catch (McpError e) {
        toolRefused = e;
      }
    }
    assertNotNull(toolRefused, "the per-tool limit never refused");
    assertEquals("rate_limit_exceeded", errorCode(toolRefused));
    String message = toolRefused.getJsonRpcError().message();
    assertTrue(message.contains("fake-http__add"), message);
    // Another tool is counted apart.
    assertEquals("http: x", text(call(perTool, "fake-http__echo", Map.of("text", "x"))));
  }

  @Test
  void everyToolCallIsInTheRequestLogWithItsServerToolSizeAndStatus() throws Exception {
    Key key = key(Map.of());
    McpSyncClient client = client(key);
    call(client, "fake-stdio__echo", Map.of("text", "logged"));
    Key restricted = key(Map.of());
    admin.call(
        "PUT",
        orgPath("/mcp/grants"),
        KEY,
        "{\"grants\":[{\"level\":\"key\",\"subjectId\":\""
            + restricted.id()
            + "\",\"server\":\"fake-stdio\",\"tool\":\"add\"}]}");
    McpSyncClient refusedClient = client(restricted);
    assertThrows(
        McpError.class, () -> call(refusedClient, "fake-stdio__echo", Map.of("text", "no")));

    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode ok = null;
    JsonNode refused = null;
    while ((ok == null || refused == null) && System.nanoTime() < deadline) {
      Answer page = admin.get(orgPath("/request-log?provider=mcp:fake-stdio&limit=100"), KEY);
      assertEquals(200, page.status(), page.raw());
      for (JsonNode row : page.path("/data")) {
        if (row.path("keyId").asText().equals(key.id())) {
          ok = row;
        } else if (row.path("keyId").asText().equals(restricted.id())) {
          refused = row;
        }
      }
      Thread.sleep(200);
    }
    assertNotNull(ok, "the tool call never reached the request log");
    assertEquals("/mcp", ok.path("endpoint").asText());
    assertEquals("fake-stdio__echo", ok.path("requestedModel").asText());
    assertEquals(200, ok.path("status").asInt());
    assertEquals("{\"text\":\"logged\"}".length(), ok.path("argumentBytes").asInt());
    assertTrue(ok.path("upstreamMs").asDouble() > 0, ok.toString());
    assertNotNull(refused, "the refused call never reached the request log");
    assertEquals(403, refused.path("status").asInt());
    assertEquals("tool_not_allowed", refused.path("errorCode").asText());
  }

  @Test
  void aStalledOrDeadServerFailsWithinItsTimeoutWhileTheOthersWork() throws Exception {
    McpSyncClient client = client(key(Map.of()));
    long start = System.nanoTime();
    McpError stalled =
        assertThrows(
            McpError.class, () -> call(client, "fake-http__slow", Map.of("seconds", "30")));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals("upstream_timeout", errorCode(stalled));
    assertTrue(stalled.getJsonRpcError().message().contains("fake-http"));
    assertTrue(seconds >= 2.5 && seconds < 8, "answered after " + seconds + " s");
    assertEquals("stdio: still", text(call(client, "fake-stdio__echo", Map.of("text", "still"))));

    start = System.nanoTime();
    McpError dead =
        assertThrows(McpError.class, () -> call(client, "fake-dead__anything", Map.of()));
    seconds = (System.nanoTime() - start) / 1e9;
    assertEquals("upstream_unavailable", errorCode(dead));
    assertTrue(dead.getJsonRpcError().message().contains("fake-dead"));
    assertTrue(seconds < 4, "answered after " + seconds + " s");
    assertTrue(toolNames(client).contains("fake-http__echo"));
  }

  @Test
  void aCrashedStdioServerFailsFastAndIsStartedAgain() throws Exception {
    McpSyncClient client = client(key(Map.of()));
    long start = System.nanoTime();
    McpError crashed =
        assertThrows(McpError.class, () -> call(client, "fake-stdio__crash", Map.of()));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals("upstream_unavailable", errorCode(crashed));
    // Its timeout is 10 s: the gateway saw the process exit.
    assertTrue(seconds < 8, "answered after " + seconds + " s");
    assertEquals("http: alive", text(call(client, "fake-http__echo", Map.of("text", "alive"))));
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String answer = null;
    while (answer == null && System.nanoTime() < deadline) {
      try {
        answer = text(call(client, "fake-stdio__echo", Map.of("text", "back")));
      } catch (McpError e) {
        assertTrue(
            Set.of("upstream_unavailable", "upstream_timeout").contains(errorCode(e)),
            e.getMessage());
        Thread.sleep(500);
      }
    }
    assertEquals("stdio: back", answer);
  }

  @Test
  void aSessionIsSignedForItsKeyAndResumableAnywhere() throws Exception {
    Key key = key(Map.of());
    HttpResponse<String> init =
        rawCall(
            key,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    assertEquals(200, init.statusCode(), init.body());
    assertEquals("2025-06-18", json(init).at("/result/protocolVersion").asText());
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

    // Another instance holding the cluster's signing key (here: a component in the test JVM)
    // resumes the session the server issued; the session lives in its id, not in an instance.
    SessionTokens anotherInstance =
        new SessionTokens(
            Base64.getDecoder().decode(SESSION_KEY), Clock.systemUTC(), Duration.ofHours(1));
    assertEquals(Optional.of("2025-06-18"), anotherInstance.resume(session, key.prefix()));

    HttpResponse<String> listed = rawCall(key, session, toolsList());
    assertEquals(200, listed.statusCode(), listed.body());
    assertTrue(listed.body().contains("fake-stdio__echo"), listed.body());

    String forged = session.substring(0, session.length() - 2) + "AA";
    assertEquals(404, rawCall(key, forged, toolsList()).statusCode());
    assertEquals(404, rawCall(key(Map.of()), session, toolsList()).statusCode());
    assertEquals(
        401, rawCall(new Key("none", "hk-not-a-key", "none"), null, toolsList()).statusCode());
  }

  @Test
  void theAdminApiShowsServersTheirHealthAndToolsAndChecksGrants() throws Exception {
    call(client(key(Map.of())), "fake-http__echo", Map.of("text", "warm"));
    Answer servers = admin.get(orgPath("/mcp/servers"), KEY);
    assertEquals(200, servers.status(), servers.raw());
    JsonNode http = null;
    for (JsonNode server : servers.body()) {
      if ("fake-http".equals(server.path("name").asText())) {
        http = server;
      }
    }
    assertNotNull(http, servers.raw());
    assertEquals("up", http.path("status").asText(), servers.raw());
    assertEquals("streamable-http", http.path("transport").asText());

    Answer tools = admin.get(orgPath("/mcp/servers/fake-stdio/tools"), KEY);
    assertEquals(200, tools.status(), tools.raw());
    assertTrue(tools.raw().contains("\"echo\""), tools.raw());
    assertEquals(404, admin.get(orgPath("/mcp/servers/nope/tools"), KEY).status());

    Answer bad =
        admin.call(
            "PUT",
            orgPath("/mcp/grants"),
            KEY,
            "{\"grants\":[{\"level\":\"planet\",\"subjectId\":\"x\",\"server\":\"fake-http\","
                + "\"tool\":\"*\"}]}");
    assertEquals(400, bad.status(), bad.raw());
    assertTrue(bad.raw().contains("grants[0].level"), bad.raw());
    Answer unknownServer =
        admin.call(
            "PUT",
            orgPath("/mcp/grants"),
            KEY,
            "{\"grants\":[{\"level\":\"org\",\"subjectId\":\"x\",\"server\":\"nope\","
                + "\"tool\":\"*\"}]}");
    assertEquals(400, unknownServer.status(), unknownServer.raw());
  }

  private static String toolsList() {
    return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
  }

  private static String toolsCall(String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":{}}}";
  }

  private static HttpResponse<String> rawCall(Key key, String session, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/mcp"))
            .timeout(PATIENCE)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + key.secret())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
