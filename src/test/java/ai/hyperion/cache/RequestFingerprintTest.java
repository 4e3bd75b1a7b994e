package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.api.openai.OpenAiRequestReader;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every request field: a change that must give another cache key, and one that must not. The
 * requests are read from OpenAI JSON bodies by the production codec, as the gateway reads them.
 */
class RequestFingerprintTest {

  private static final String BASE =
      """
      {"model": "gpt-4o",
       "messages": [
         {"role": "system", "content": "Answer briefly."},
         {"role": "user", "content": "What is the weather in Paris?"},
         {"role": "assistant", "content": null,
          "tool_calls": [{"id": "call_1", "type": "function",
                          "function": {"name": "weather",
                              "arguments": "{\\"city\\":\\"Paris\\",\\"unit\\":\\"c\\"}"}}]},
         {"role": "tool", "tool_call_id": "call_1", "content": "18 degrees, sunny"},
         {"role": "user", "content": "And should I take an umbrella?"}],
       "temperature": 0.5, "top_p": 1, "max_tokens": 100,
       "stop": ["END", "STOP"],
       "tools": [{"type": "function", "function": {"name": "weather", "description": "Weather now",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                 "required": ["city"]}}}],
       "tool_choice": "auto",
       "response_format": {"type": "json_schema",
                           "json_schema": {"name": "a", "strict": true,
                                           "schema": {"type": "object"}}},
       "seed": 7, "n": 1, "logprobs": false, "presence_penalty": 0,
       "user": "alice", "stream": false,
       "hyperion": {"cache": {"mode": "default"}, "metadata": {"ticket": "A-1"}}}
      """;

  private static ObjectNode base() {
    try {
      return (ObjectNode) Json.parse(BASE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChatRequest read(JsonNode body) {
    return OpenAiRequestReader.read(body, RequestOptionsReader.FIELDS);
  }

  private static RequestFingerprint fingerprint(ObjectNode body) {
    return RequestFingerprint.of("gpt-4o", read(body));
  }

  private static ObjectNode message(ObjectNode body, int index) {
    return (ObjectNode) body.withArray("messages").get(index);
  }

  private static Arguments change(String what, Consumer<ObjectNode> edit) {
    return Arguments.of(what, edit);
  }

  static Stream<Arguments> splittingChanges() {
    return Stream.of(
        change("last user text", b -> message(b, 4).put("content", "And do I need a coat?")),
        change("system prompt", b -> message(b, 0).put("content", "Answer at length.")),
        change("a role", b -> message(b, 0).put("role", "developer")),
        change("an earlier turn dropped", b -> b.withArray("messages").remove(0)),
        change(
            "content part added",
            b ->
                message(b, 4)
                    .putArray("content")
                    .add(Json.object().put("type", "text").put("text", "And should I"))
                    .add(Json.object().put("type", "text").put("text", " take an umbrella?"))),
        change(
            "tool-call arguments",
            b ->
                ((ObjectNode) message(b, 2).withArray("tool_calls").get(0).get("function"))
                    .put("arguments", "{\"city\":\"Lyon\",\"unit\":\"c\"}")),
        change("tool-call id", b -> message(b, 3).put("tool_call_id", "call_2")),
        change("tool result", b -> message(b, 3).put("content", "9 degrees, rain")),
        change("message name", b -> message(b, 4).put("name", "bob")),
        change("temperature", b -> b.put("temperature", 0.7)),
        change("temperature removed", b -> b.remove("temperature")),
        change("top_p", b -> b.put("top_p", 0.9)),
        change("max_tokens", b -> b.put("max_tokens", 101)),
        change("stop", b -> b.putArray("stop").add("END")),
        change(
            "tool description",
            b ->
                ((ObjectNode) b.withArray("tools").get(0).get("function"))
                    .put("description", "Weather tomorrow")),
        change(
            "tool parameters",
            b ->
                ((ArrayNode)
                        b.withArray("tools")
                            .get(0)
                            .get("function")
                            .get("parameters")
                            .get("required"))
                    .removeAll()),
        change("tools removed", b -> b.remove("tools")),
        change("tool_choice", b -> b.put("tool_choice", "required")),
        change(
            "response_format",
            b -> b.set("response_format", Json.object().put("type", "json_object"))),
        change("seed", b -> b.put("seed", 8)),
        change("n", b -> b.put("n", 2)),
        change("logprobs", b -> b.put("logprobs", true)),
        change("an unmodelled field added", b -> b.put("frequency_penalty", 0.3)),
        change("presence_penalty", b -> b.put("presence_penalty", 0.1)),
        change("reasoning_effort", b -> b.put("reasoning_effort", "high")),
        change(
            "max_completion_tokens", b -> b.put("max_completion_tokens", 50).remove("max_tokens")),
        change("stop as another string", b -> b.put("stop", "HALT")),
        change(
            "tool name",
            b ->
                ((ObjectNode) b.withArray("tools").get(0).get("function")).put("name", "forecast")),
        change(
            "a second tool",
            b ->
                b.withArray("tools")
                    .add(
                        Json.object()
                            .put("type", "function")
                            .set("function", Json.object().put("name", "time")))),
        change(
            "tools reordered",
            b -> {
              b.withArray("tools")
                  .add(
                      Json.object()
                          .put("type", "function")
                          .set("function", Json.object().put("name", "time")));
              ArrayNode tools = b.withArray("tools");
              tools.insert(0, tools.remove(1));
            }),
        change(
            "tool_choice naming a function",
            b ->
                b.set(
                    "tool_choice",
                    Json.object()
                        .put("type", "function")
                        .set("function", Json.object().put("name", "weather")))),
        change("parallel_tool_calls", b -> b.put("parallel_tool_calls", false)),
        change(
            "response_format schema",
            b ->
                ((ObjectNode) b.at("/response_format/json_schema"))
                    .set("schema", Json.object().put("type", "array"))),
        change("top_logprobs", b -> b.put("logprobs", true).put("top_logprobs", 3)),
        change("logit_bias", b -> b.putObject("logit_bias").put("1234", -100)),
        change("modalities", b -> b.putArray("modalities").add("text").add("audio")),
        change(
            "prediction",
            b -> b.putObject("prediction").put("type", "content").put("content", "Yes")),
        change("verbosity", b -> b.put("verbosity", "low")),
        change("service_tier", b -> b.put("service_tier", "flex")),
        change(
            "openai metadata (reaches the upstream)", b -> b.putObject("metadata").put("k", "v")),
        change("web_search_options", b -> b.putObject("web_search_options")),
        change(
            "image part",
            b ->
                message(b, 4)
                    .putArray("content")
                    .add(
                        Json.object()
                            .put("type", "text")
                            .put("text", "And should I take an umbrella?"))
                    .add(
                        Json.object()
                            .put("type", "image_url")
                            .set(
                                "image_url",
                                Json.object().put("url", "https://example.com/sky.png")))),
        change("assistant text", b -> message(b, 2).put("content", "Let me check.")),
        change(
            "turn order",
            b -> {
              ArrayNode messages = b.withArray("messages");
              messages.insert(0, messages.remove(1));
            }));
  }

  private static ObjectNode withImage(String url, String detail) {
    ObjectNode body = base();
    ObjectNode image = Json.object().put("url", url);
    if (detail != null) {
      image.put("detail", detail);
    }
    message(body, 4)
        .putArray("content")
        .add(Json.object().put("type", "image_url").set("image_url", image));
    return body;
  }

  @Test
  void imagesSplitByUrlAndDetail() {
    String a = fingerprint(withImage("https://example.com/a.png", null)).exact();
    assertEquals(a, fingerprint(withImage("https://example.com/a.png", null)).exact());
    assertNotEquals(a, fingerprint(withImage("https://example.com/b.png", null)).exact());
    assertNotEquals(a, fingerprint(withImage("https://example.com/a.png", "high")).exact());
  }

  @Test
  void oneStopStringIsTheSameAsAOneElementList() {
    ObjectNode string = base().put("stop", "END");
    ObjectNode list = base();
    list.putArray("stop").add("END");
    assertEquals(fingerprint(string).exact(), fingerprint(list).exact());
  }

  @Test
  void toolChoiceObjectsAreComparedByContentNotKeyOrder() {
    ObjectNode one = base();
    one.set(
        "tool_choice",
        Json.object()
            .put("type", "function")
            .set("function", Json.object().put("name", "weather")));
    ObjectNode two = base();
    ObjectNode choice = Json.object();
    choice.set("function", Json.object().put("name", "weather"));
    choice.put("type", "function");
    two.set("tool_choice", choice);
    assertEquals(fingerprint(one).exact(), fingerprint(two).exact());
  }

  static Stream<Arguments> neutralChanges() {
    return Stream.of(
        change("requested model alias", b -> b.put("model", "gpt-4o-latest")),
        change("user", b -> b.put("user", "bob")),
        change("user removed", b -> b.remove("user")),
        change("safety_identifier", b -> b.put("safety_identifier", "h-123")),
        change("stream", b -> b.put("stream", true)),
        change(
            "stream_options",
            b -> b.put("stream", true).putObject("stream_options").put("include_usage", true)),
        change("hyperion block", b -> b.putObject("hyperion").put("smart", (String) null)),
        change(
            "hyperion metadata",
            b -> ((ObjectNode) b.get("hyperion")).putObject("metadata").put("ticket", "B-2")),
        change(
            "hyperion cache options",
            b ->
                ((ObjectNode) b.get("hyperion"))
                    .putObject("cache")
                    .put("mode", "refresh")
                    .put("ttl_seconds", 60)),
        change("temperature 0.5 as 5e-1", b -> b.put("temperature", 5e-1)),
        change("top_p 1 as 1.0", b -> b.put("top_p", 1.0)),
        change("seed 7 as 7.0", b -> b.put("seed", 7.0)),
        change("presence_penalty 0 as 0.00", b -> b.put("presence_penalty", -0.0)),
        change(
            "max_tokens as max_completion_tokens",
            b -> b.put("max_completion_tokens", 100).remove("max_tokens")),
        change("stop order", b -> b.putArray("stop").add("STOP").add("END")),
        change(
            "key order in response_format",
            b -> {
              ObjectNode schema = Json.object();
              schema.set("schema", Json.object().put("type", "object"));
              schema.put("strict", true).put("name", "a");
              b.set("response_format", Json.object().set("json_schema", schema));
              ((ObjectNode) b.get("response_format")).put("type", "json_schema");
            }),
        change(
            "key order in tool parameters",
            b -> {
              ObjectNode function = (ObjectNode) b.withArray("tools").get(0).get("function");
              ObjectNode parameters = Json.object();
              parameters.putArray("required").add("city");
              parameters.putObject("properties").putObject("city").put("type", "string");
              parameters.put("type", "object");
              function.set("parameters", parameters);
            }),
        change(
            "whitespace and key order in tool-call arguments",
            b ->
                ((ObjectNode) message(b, 2).withArray("tool_calls").get(0).get("function"))
                    .put("arguments", "{ \"unit\": \"c\", \"city\": \"Paris\" }")),
        change(
            "text as one text part",
            b ->
                message(b, 4)
                    .putArray("content")
                    .add(
                        Json.object()
                            .put("type", "text")
                            .put("text", "And should I take an umbrella?"))),
        change(
            "cache_control breakpoint",
            b -> {
              ObjectNode part = Json.object().put("type", "text").put("text", "Answer briefly.");
              part.putObject("cache_control").put("type", "ephemeral");
              message(b, 0).putArray("content").add(part);
            }),
        change(
            "stream_options alone", b -> b.putObject("stream_options").put("include_usage", false)),
        change(
            "hyperion fallbacks",
            b -> ((ObjectNode) b.get("hyperion")).putArray("fallbacks").add("gpt-4o-mini")),
        change(
            "hyperion semantic flag",
            b -> ((ObjectNode) b.get("hyperion")).putObject("cache").put("semantic", true)),
        change(
            "top-level key order",
            b -> {
              ObjectNode copy = b.deepCopy();
              b.removeAll();
              List<String> names = new ArrayList<>();
              copy.fieldNames().forEachRemaining(names::add);
              Collections.reverse(names);
              names.forEach(name -> b.set(name, copy.get(name)));
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("splittingChanges")
  void aChangeThatReachesTheModelSplitsTheKey(String what, Consumer<ObjectNode> edit) {
    ObjectNode changed = base();
    edit.accept(changed);
    assertNotEquals(fingerprint(base()).exact(), fingerprint(changed).exact(), what);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("neutralChanges")
  void aChangeThatCannotChangeTheAnswerKeepsTheKey(String what, Consumer<ObjectNode> edit) {
    ObjectNode changed = base();
    edit.accept(changed);
    assertEquals(fingerprint(base()).exact(), fingerprint(changed).exact(), what);
  }

  @Test
  void theResolvedModelIsPartOfTheKey() {
    ChatRequest request = read(base());
    assertNotEquals(
        RequestFingerprint.of("gpt-4o", request).exact(),
        RequestFingerprint.of("gpt-4o-mini", request).exact());
  }

  @Test
  void theConversationHashCoversEverythingButTheLastUserTurn() {
    RequestFingerprint original = fingerprint(base());
    assertEquals("And should I take an umbrella?", original.lastUserTurn());
    assertTrue(original.semanticEligible());

    ObjectNode rephrased = base();
    message(rephrased, 4).put("content", "Do I need an umbrella?");
    RequestFingerprint other = fingerprint(rephrased);
    assertEquals(original.conversation(), other.conversation());
    assertNotEquals(original.exact(), other.exact());

    ObjectNode otherSystem = base();
    message(otherSystem, 0).put("content", "Answer in French.");
    assertNotEquals(original.conversation(), fingerprint(otherSystem).conversation());

    ObjectNode otherSeed = base();
    otherSeed.put("temperature", 1.2);
    assertNotEquals(original.conversation(), fingerprint(otherSeed).conversation());
  }

  @Test
  void aConversationNotEndingInAUserTextTurnIsNotSemanticallyCacheable() {
    ObjectNode endsWithTool = base();
    endsWithTool.withArray("messages").remove(4);
    RequestFingerprint fingerprint = fingerprint(endsWithTool);
    assertFalse(fingerprint.semanticEligible());
    assertNull(fingerprint.lastUserTurn());

    ObjectNode withImage = base();
    message(withImage, 4)
        .putArray("content")
        .add(Json.object().put("type", "text").put("text", "What is this?"))
        .add(
            Json.object()
                .put("type", "image_url")
                .set("image_url", Json.object().put("url", "https://example.com/a.png")));
    assertFalse(fingerprint(withImage).semanticEligible());
  }

  @Test
  void numbersAreCanonicalByValue() {
    assertEquals(CanonicalJson.of(parse("[1, 1.0, 1e0, 10e-1, -0, 0.0]")), "[1,1,1,1,0,0]");
    assertEquals(
        CanonicalJson.of(parse("{\"b\":1,\"a\":{\"d\":2.50,\"c\":[3]}}")),
        "{\"a\":{\"c\":[3],\"d\":2.5},\"b\":1}");
    assertEquals(
        CanonicalJson.of(parse("[123456789012345678901234567890]")),
        "[123456789012345678901234567890]");
    assertNotEquals(CanonicalJson.of(parse("[0.1]")), CanonicalJson.of(parse("[0.10000001]")));
  }

  private static JsonNode parse(String json) {
    try {
      return Json.parse(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
