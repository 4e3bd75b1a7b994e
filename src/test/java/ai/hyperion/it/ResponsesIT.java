package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import ai.hyperion.testing.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The official OpenAI Java SDK's Responses API against the gateway's {@code /v1/responses}:
 * translated to an OpenAI-compatible chat upstream and to Anthropic, forwarded as sent to a native
 * Responses upstream, stored per org and continued with {@code previous_response_id}.
 */
class ResponsesIT extends GatewayIT {

  private final AdminClient admin = new AdminClient(baseUrl());

  private static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key)
        .baseUrl(baseUrl() + "/v1")
        .maxRetries(0)
        .build();
  }

  private static OpenAIClient client() {
    return client(KEY);
  }

  private static String marker() {
    return "resp-it-" + UUID.randomUUID();
  }

  private static String text(Response response) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      item.message()
          .ifPresent(
              message ->
                  message
                      .content()
                      .forEach(c -> c.outputText().ifPresent(t -> text.append(t.text()))));
    }
    return text.toString();
  }

  /** The model name, which the SDK reads as one of its known chat models when it can. */
  private static String model(Response response) {
    return response.model().isChat()
        ? response.model().asChat().asString()
        : response.model().asString();
  }

  private static FunctionTool weatherTool() {
    return FunctionTool.builder()
        .name("get_current_weather")
        .description("Get the current weather in a given location")
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                .build())
        .strict(false)
        .build();
  }

  /** A Responses stream read as SSE: every event's data, checking event names and numbering. */
  private static List<JsonNode> sse(String body) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      // SSE comment lines (the first block's ": x-hyperion-request-id ...") are not fields.
      String[] lines =
          Arrays.stream(block.strip().split("\n"))
              .filter(line -> !line.startsWith(":"))
              .toArray(String[]::new);
      JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
      assertEquals("event: " + data.path("type").asText(), lines[0]);
      assertEquals(events.size(), data.path("sequence_number").asInt(), block);
      events.add(data);
    }
    return events;
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  @Test
  void sdkResponseTranslatedToAChatUpstream() {
    String marker = marker();
    Response response =
        client()
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("gpt-4o")
                    .instructions("Answer briefly.")
                    .input("Invent a holiday " + marker)
                    .maxOutputTokens(300)
                    .temperature(0.2)
                    .build());

    assertTrue(response.id().startsWith("resp_"), response.id());
    assertEquals("gpt-4o", model(response));
    assertTrue(text(response).startsWith("**Holiday Name:**"), text(response));
    assertEquals(16, response.usage().orElseThrow().inputTokens());
    FakeProviders.Seen seen = upstream.lastRequestContaining(marker);
    assertEquals("/v1/chat/completions", seen.path());
    assertEquals("system", seen.body().at("/messages/0/role").asText());
    assertEquals("Answer briefly.", seen.body().at("/messages/0/content").asText());
    assertEquals("user", seen.body().at("/messages/1/role").asText());
    assertEquals(300, seen.body().path("max_completion_tokens").asInt());
    assertEquals(0.2, seen.body().path("temperature").asDouble());
    assertFalse(seen.body().has("input"), "no Responses fields reach a chat upstream");
  }

  @Test
  void sdkStreamTranslatedFromAChatUpstreamIsStoredWhenDone() {
    String marker = marker();
    StringBuilder text = new StringBuilder();
    Response[] completed = new Response[1];
    try (StreamResponse<ResponseStreamEvent> stream =
        client()
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model("gpt-4o").input("stream " + marker).build())) {
      stream.stream()
          .forEach(
              event -> {
                event.outputTextDelta().ifPresent(delta -> text.append(delta.delta()));
                event.completed().ifPresent(done -> completed[0] = done.response());
              });
    }

    assertTrue(text.toString().startsWith("I'm unable to provide"), text.toString());
    assertTrue(completed[0].usage().orElseThrow().outputTokens() > 0);
    assertEquals(text.toString(), text(completed[0]));
    Response stored = client().responses().retrieve(completed[0].id());
    assertEquals(text.toString(), text(stored));
  }

  @Test
  void rawStreamHasEveryEventTypeInOrderWithSequenceNumbers() throws Exception {
    String marker = marker();
    HttpResponse<String> response =
        send(
            post(
                "/v1/responses",
                "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"raw " + marker + "\"}"));

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
    assertTrue(response.headers().firstValue("x-hyperion-request-id").isPresent());
    List<String> types = sse(response.body()).stream().map(e -> e.path("type").asText()).toList();
    List<String> expected =
        List.of(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertEquals(expected, types.stream().distinct().toList());
    assertEquals("response.completed", types.get(types.size() - 1));
  }

  @Test
  void sdkResponseAndStreamRoutedToAnthropic() {
    String marker = marker();
    Response response =
        client()
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .instructions("Be kind.")
                    .input("hello claude " + marker)
                    .maxOutputTokens(256)
                    .build());

    assertTrue(text(response).startsWith("Hello! I'm doing well"), text(response));
    assertEquals(12, response.usage().orElseThrow().inputTokens());
    FakeProviders.Seen seen = upstream.lastRequestContaining(marker);
    assertEquals("/anthropic/v1/messages", seen.path());
    assertEquals(256, seen.body().path("max_tokens").asInt());
    assertTrue(seen.body().path("system").toString().contains("Be kind."));

    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<ResponseStreamEvent> stream =
        client()
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("stream claude " + marker)
                    .build())) {
      stream.stream()
          .forEach(event -> event.outputTextDelta().ifPresent(d -> streamed.append(d.delta())));
    }
    assertTrue(streamed.toString().startsWith("Hello! I"), streamed.toString());
  }

  @Test
  void nativeUpstreamGetsTheBodyByteForByte() throws Exception {
    String marker = marker();
    String body =
        "{\"model\":\"gpt-4.1\",  \"input\":\"native "
            + marker
            + "\","
            + "\"include\":[\"message.output_text.logprobs\"],"
            + "\"x_future_field\":{\"keep\":[1,2.50,\"\\u20ac\"]},\"truncation\":\"auto\"}";

    HttpResponse<String> response = send(post("/v1/responses", body));

    assertEquals(200, response.statusCode(), response.body());
    FakeProviders.Seen seen = upstream.lastRequestContaining(marker);
    assertEquals("/native/v1/responses", seen.path());
    assertEquals(body, seen.raw(), "forwarded byte for byte, unknown fields included");
    assertEquals("Bearer sk-it-native-key-0000000000", seen.headers().get("authorization"));
    JsonNode answer = json(response);
    assertTrue(answer.path("id").asText().startsWith("resp_"));
    assertNotEquals(
        "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
        answer.path("id").asText(),
        "the gateway's id, under which it stores the response");
    assertTrue(answer.at("/output/0/content/0/text").asText().startsWith("In a peaceful grove"));
    assertEquals("native", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    assertEquals(123, answer.at("/usage/total_tokens").asInt());
  }

  @Test
  void sdkStreamFromANativeUpstream() {
    StringBuilder text = new StringBuilder();
    List<String> called = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream =
        client()
            .responses()
            .createStreaming(
                ResponseCreateParams.builder()
                    .model("gpt-4.1")
                    .input("native stream " + marker())
                    .addTool(weatherTool())
                    .build())) {
      stream.stream()
          .forEach(
              event -> {
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                event.functionCallArgumentsDone().ifPresent(done -> called.add(done.arguments()));
              });
    }

    assertEquals("Let me check the weather in Paris.", text.toString());
    assertEquals(List.of("{\"location\":\"Paris, France\"}"), called);
  }

  @Test
  void hostedToolsAreRefusedUnlessTheUpstreamIsNative() throws Exception {
    String body =
        "{\"model\":\"%s\",\"tools\":[{\"type\":\"web_search_preview\"}],\"input\":\"news "
            + marker()
            + "\"}";

    HttpResponse<String> translated = send(post("/v1/responses", body.formatted("gpt-4o")));
    HttpResponse<String> nativeAnswer = send(post("/v1/responses", body.formatted("gpt-4.1")));

    assertEquals(400, translated.statusCode(), translated.body());
    JsonNode error = json(translated).path("error");
    assertTrue(error.path("message").asText().contains("'web_search_preview'"), error.toString());
    assertEquals("invalid_request_error", error.path("type").asText());
    assertEquals("tools", error.path("param").asText());
    assertEquals(200, nativeAnswer.statusCode(), nativeAnswer.body());
  }

  @Test
  void functionCallRoundTripThroughPreviousResponseIdContinuesOnAnotherProvider() {
    String marker = marker();
    OpenAIClient client = client();
    Response first =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("gpt-4o")
                    .input("What is the weather in Boston? " + marker)
                    .addTool(weatherTool())
                    .build());
    ResponseFunctionToolCall call =
        first.output().stream()
            .flatMap(item -> item.functionCall().stream())
            .findFirst()
            .orElseThrow();
    assertEquals("get_current_weather", call.name());
    assertEquals("call_8fxy20OEu9ulvvaa5b5CzVA4", call.callId());
    assertEquals(
        "get_current_weather",
        upstream.lastRequestContaining(marker).body().at("/tools/0/function/name").asText());

    Response second =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .previousResponseId(first.id())
                    .inputOfResponse(
                        List.of(
                            ResponseInputItem.ofFunctionCallOutput(
                                ResponseInputItem.FunctionCallOutput.builder()
                                    .callId(call.callId())
                                    .output("{\"temperature_f\":52,\"sky\":\"rain\"}")
                                    .build())))
                    .build());

    assertTrue(text(second).startsWith("Hello! I'm doing well"), text(second));
    assertEquals(first.id(), second.previousResponseId().orElseThrow());
    FakeProviders.Seen followUp = upstream.lastRequestContaining(marker);
    assertEquals("/anthropic/v1/messages", followUp.path());
    JsonNode anthropic = followUp.body();
    JsonNode messages = anthropic.path("messages");
    assertEquals(3, messages.size(), messages.toString());
    assertTrue(messages.get(0).toString().contains(marker));
    JsonNode toolUse = messages.get(1).path("content").get(0);
    assertEquals("tool_use", toolUse.path("type").asText());
    assertEquals("call_8fxy20OEu9ulvvaa5b5CzVA4", toolUse.path("id").asText());
    assertEquals("Boston, MA", toolUse.at("/input/location").asText());
    JsonNode toolResult = messages.get(2).path("content").get(0);
    assertEquals("tool_result", toolResult.path("type").asText());
    assertEquals("call_8fxy20OEu9ulvvaa5b5CzVA4", toolResult.path("tool_use_id").asText());

    List<ResponseItem> items = client.responses().inputItems().list(second.id()).data();
    assertEquals(3, items.size(), "the user turn, the function call and its output");
    assertTrue(items.get(0).functionCallOutput().isPresent(), "newest first, as on OpenAI");
    assertTrue(items.get(1).functionCall().isPresent());
    assertTrue(items.get(2).responseInputMessageItem().isPresent());
  }

  @Test
  void jsonSchemaOutputIsAskedOfTheUpstreamAndEchoed() {
    String marker = marker();
    ResponseFormatTextJsonSchemaConfig format =
        ResponseFormatTextJsonSchemaConfig.builder()
            .name("calendar_event")
            .schema(
                ResponseFormatTextJsonSchemaConfig.Schema.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty(
                        "properties", JsonValue.from(Map.of("name", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("name")))
                    .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                    .build())
            .strict(true)
            .build();
    Response response =
        client()
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model("gpt-4o")
                    .input("Alice and Bob go to a science fair on Friday. " + marker)
                    .text(ResponseTextConfig.builder().format(format).build())
                    .build());

    JsonNode responseFormat = upstream.lastRequestContaining(marker).body().path("response_format");
    assertEquals("json_schema", responseFormat.path("type").asText());
    assertEquals("calendar_event", responseFormat.at("/json_schema/name").asText());
    assertTrue(responseFormat.at("/json_schema/strict").asBoolean());
    assertEquals("string", responseFormat.at("/json_schema/schema/properties/name/type").asText());
    assertEquals(
        "calendar_event",
        response.text().orElseThrow().format().orElseThrow().jsonSchema().orElseThrow().name());
  }

  @Test
  void storedResponsesBelongToTheirOrg() throws Exception {
    Response mine =
        client()
            .responses()
            .create(
                ResponseCreateParams.builder().model("gpt-4o").input("mine " + marker()).build());
    String otherKey = keyOfANewOrg();

    assertNotFound(() -> client(otherKey).responses().retrieve(mine.id()));
    assertEquals(404, admin.get("/v1/responses/" + mine.id(), otherKey).status());
    Answer listOther = admin.get("/v1/responses/" + mine.id() + "/input_items", otherKey);
    assertEquals(404, listOther.status());
    assertEquals("invalid_request_error", listOther.text("/error/type"));
    assertEquals(404, admin.delete("/v1/responses/" + mine.id(), otherKey).status());
    Answer followUp =
        admin.post(
            "/v1/responses",
            otherKey,
            "{\"model\":\"gpt-4o\",\"previous_response_id\":\""
                + mine.id()
                + "\",\"input\":\"x\"}");
    assertEquals(404, followUp.status(), followUp.raw());

    assertEquals(mine.id(), client().responses().retrieve(mine.id()).id(), "still there");
    Answer deleted = admin.delete("/v1/responses/" + mine.id(), KEY);
    assertEquals(200, deleted.status(), deleted.raw());
    assertTrue(deleted.path("/deleted").asBoolean());
    assertNotFound(() -> client().responses().retrieve(mine.id()));
  }

  @Test
  void storeFalseKeepsNothingAndBadInputGetsOpenAiErrors() throws Exception {
    HttpResponse<String> unstored =
        send(post("/v1/responses", "{\"model\":\"gpt-4o\",\"store\":false,\"input\":\"x\"}"));
    assertEquals(200, unstored.statusCode(), unstored.body());
    String id = json(unstored).path("id").asText();
    assertEquals(404, admin.get("/v1/responses/" + id, KEY).status());

    HttpResponse<String> noModel = send(post("/v1/responses", "{\"input\":\"x\"}"));
    assertEquals(400, noModel.statusCode());
    assertEquals("model", json(noModel).at("/error/param").asText());
    HttpResponse<String> badItem =
        send(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"boss\"}]}"));
    assertEquals(400, badItem.statusCode());
    assertEquals("input[0].role", json(badItem).at("/error/param").asText());
    HttpResponse<String> unknownPrevious =
        send(
            post(
                "/v1/responses",
                "{\"model\":\"gpt-4o\",\"previous_response_id\":\"resp_nope\",\"input\":\"x\"}"));
    assertEquals(404, unknownPrevious.statusCode());
    assertTrue(json(unknownPrevious).at("/error/message").asText().contains("resp_nope"));
  }

  private static void assertNotFound(Executable call) {
    try {
      call.execute();
    } catch (NotFoundException expected) {
      return;
    } catch (Throwable other) {
      throw new AssertionError("expected a 404, got " + other, other);
    }
    throw new AssertionError("expected a 404, got an answer");
  }

  private String keyOfANewOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Answer org = admin.post("/admin/api/orgs", KEY, AdminClient.obj("name", "responses-" + suffix));
    assertEquals(201, org.status(), org.raw());
    Answer user =
        admin.post(
            "/admin/api/orgs/" + org.text("/id") + "/users",
            KEY,
            AdminClient.obj("email", "responses-" + suffix + "@it.test", "role", "MEMBER"));
    assertEquals(201, user.status(), user.raw());
    Answer key =
        admin.post(
            "/admin/api/orgs/" + org.text("/id") + "/keys",
            KEY,
            AdminClient.obj("name", "main", "userId", user.text("/id")));
    assertEquals(201, key.status(), key.raw());
    return key.text("/key");
  }
}
