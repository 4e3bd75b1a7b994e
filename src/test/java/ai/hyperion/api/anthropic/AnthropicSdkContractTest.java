package ai.hyperion.api.anthropic;

import static ai.hyperion.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.anthropic.AnthropicStreams;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK against a minimal {@code /v1/messages} endpoint made of this
 * package's ingress codec and event writer: proof that Anthropic-format clients can use the
 * gateway.
 */
class AnthropicSdkContractTest {

  private HttpServer server;
  private AnthropicClient client;
  private volatile ChatRequest received;
  private volatile ChatResponse answer;
  private volatile List<StreamEvent> streamed;
  private volatile int errorStatus;

  @BeforeEach
  void startEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/messages",
        exchange -> {
          received =
              AnthropicRequestReader.read(
                  Json.tryParse(exchange.getRequestBody().readAllBytes()).orElseThrow(), Set.of());
          byte[] body;
          int status = 200;
          if (errorStatus != 0) {
            status = errorStatus;
            body =
                Json.bytes(
                    AnthropicResponseWriter.writeError(
                        errorStatus, "rate_limit_exceeded", "Budget exhausted for team"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
          } else if (received.stream()) {
            AnthropicEventWriter writer = new AnthropicEventWriter("served-model");
            StringBuilder sse = new StringBuilder();
            streamed.forEach(e -> writer.write(e).forEach(a -> sse.append(a.toSse())));
            writer.complete().forEach(a -> sse.append(a.toSse()));
            body = sse.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          } else {
            body = Json.bytes(AnthropicResponseWriter.writeResponse(answer, "served-model"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
          }
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .apiKey("hk-test-gateway-key")
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stopEndpoint() {
    client.close();
    server.stop(0);
  }

  private static MessageCreateParams params() {
    return MessageCreateParams.builder()
        .model("claude-sonnet-4-5")
        .maxTokens(300)
        .system("Answer briefly.")
        .temperature(0.3)
        .addUserMessage("Weather in Paris?")
        .build();
  }

  @Test
  void sdkRequestIsReadAndTheAnswerWithToolUseParses() {
    ChatMessage reply =
        new ChatMessage(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("Let me check.")),
            true,
            List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")),
            null,
            null);
    answer =
        new ChatResponse(
            "chatcmpl-9",
            1,
            "gpt-4o",
            List.of(new ChatResponse.Choice(0, reply, FinishReason.TOOL_CALLS, null)),
            new Usage(500, 20, 400, 50, 0),
            null);
    Message message = client.messages().create(params());

    assertEquals("claude-sonnet-4-5", received.model());
    assertEquals(300, received.maxTokens());
    assertEquals(0.3, received.temperature());
    assertEquals(Role.SYSTEM, received.messages().get(0).role());
    assertEquals("Weather in Paris?", received.messages().get(1).text());

    assertEquals("msg_chatcmpl-9", message.id());
    assertEquals("served-model", message.model().asString());
    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    assertEquals("Let me check.", message.content().get(0).text().orElseThrow().text());
    var toolUse = message.content().get(1).toolUse().orElseThrow();
    assertEquals("call_1", toolUse.id());
    assertEquals(Map.of("city", "Paris"), toolUse._input().convert(Map.class));
    assertEquals(50, message.usage().inputTokens());
    assertEquals(400, message.usage().cacheReadInputTokens().orElseThrow());
    assertEquals(50, message.usage().cacheCreationInputTokens().orElseThrow());
    assertEquals(20, message.usage().outputTokens());
  }

  @Test
  void sdkAccumulatesTheStreamedTextAndAToolWithoutArguments() {
    streamed =
        AnthropicStreams.decode(bytes("anthropic/messages-text-then-tool-use-stream.sse")).events();
    Message message = accumulate();
    assertTrue(received.stream());
    assertEquals(
        "I'll update the issue list for you.",
        message.content().get(0).text().orElseThrow().text());
    assertEquals("updateIssueList", message.content().get(1).toolUse().orElseThrow().name());
    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    assertEquals(565, message.usage().inputTokens());
    assertEquals(48, message.usage().outputTokens());
  }

  @Test
  void sdkAccumulatesThinkingAndToolArgumentsFromAnOpenAiShapedStream() {
    streamed =
        new ArrayList<>(
            AnthropicStreams.decode(bytes("anthropic/messages-thinking-stream.sse")).events());
    Message thinking = accumulate();
    ContentBlock first = thinking.content().get(0);
    assertEquals(
        "The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185",
        first.thinking().orElseThrow().thinking());
    assertEquals("925 ÷ 5 = 185", thinking.content().get(1).text().orElseThrow().text());

    streamed =
        List.of(
            new StreamEvent.Start("chatcmpl-7", "gpt-4o", 1),
            new StreamEvent.ToolCallDelta(0, 0, "call_7", "get_weather", ""),
            new StreamEvent.ToolCallDelta(0, 0, null, null, "{\"city\":"),
            new StreamEvent.ToolCallDelta(0, 0, null, null, "\"Rome\"}"),
            new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
            new StreamEvent.UsageReport(new Usage(30, 9)));
    Message tool = accumulate();
    assertEquals(
        Map.of("city", "Rome"),
        tool.content().get(0).toolUse().orElseThrow()._input().convert(Map.class));
    assertEquals(30, tool.usage().inputTokens());
    assertEquals(9, tool.usage().outputTokens());
  }

  @Test
  void gatewayErrorReachesTheSdkAsItsTypedException() {
    errorStatus = 429;
    RateLimitException e =
        assertThrows(RateLimitException.class, () -> client.messages().create(params()));
    assertTrue(e.getMessage().contains("Budget exhausted for team"), e.getMessage());
  }

  private Message accumulate() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }
}
