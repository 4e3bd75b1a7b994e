package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.FakeProviders;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ChatCompletionsIT extends GatewayIT {

  @Test
  void nonStreamingAnswerComesBackInOpenAiShapeWithGatewayHeaders() throws Exception {
    HttpResponse<String> response = send(post("/v1/chat/completions", chat("gpt-4o", "plain-1")));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = json(response);
    JsonNode recorded = JSON.readTree(Fixtures.text("openai/chat-text.json"));
    assertEquals("chat.completion", body.path("object").asText());
    assertEquals(recorded.path("id").asText(), body.path("id").asText());
    assertEquals(
        recorded.at("/choices/0/message/content").asText(),
        body.at("/choices/0/message/content").asText());
    assertEquals("stop", body.at("/choices/0/finish_reason").asText());
    assertEquals(16, body.at("/usage/prompt_tokens").asInt());
    assertEquals(379, body.at("/usage/total_tokens").asInt());
    assertEquals("fp_de604bd877", body.path("system_fingerprint").asText());
    assertEquals("gpt-4o", body.path("model").asText());
    assertEquals("openai", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    assertEquals("gpt-4o", response.headers().firstValue("x-hyperion-model").orElseThrow());
    assertEquals(
        "passthrough", response.headers().firstValue("x-hyperion-route-mode").orElseThrow());
    assertEquals("bypass", response.headers().firstValue("x-hyperion-cache").orElseThrow());
    assertTrue(
        response.headers().firstValue("x-hyperion-request-id").orElseThrow().startsWith("req_"));
    assertTrue(response.headers().firstValue("x-hyperion-intent").isPresent());
  }

  @Test
  void upstreamGetsThePinnedModelTheOperatorKeyAndEveryUnknownParameter() throws Exception {
    String body =
        "{\"model\":\"gpt-4o-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"passthrough"
            + "-1\"}],"
            + "\"seed\":7,\"n\":1,\"user\":\"u-42\",\"logprobs\":true,\"top_logprobs\":2,\"paral"
            + "lel_tool_calls\":false,"
            + "\"response_format\":{\"type\":\"json_object\"},\"metadata\":{\"a\":\"b\"},"
            + "\"hyperion\":{\"metadata\":{\"team\":\"x\"}},\"smart_routing\":false}";
    HttpResponse<String> response = send(post("/v1/chat/completions", body));

    assertEquals(200, response.statusCode(), response.body());
    FakeProviders.Seen seen = upstream.lastRequestContaining("passthrough-1");
    assertEquals("gpt-4o-2024-08-06", seen.body().path("model").asText());
    assertEquals("Bearer sk-it-upstream-key-0000000000", seen.headers().get("authorization"));
    assertEquals(7, seen.body().path("seed").asInt());
    assertEquals("u-42", seen.body().path("user").asText());
    assertTrue(seen.body().path("logprobs").asBoolean());
    assertEquals(2, seen.body().path("top_logprobs").asInt());
    assertFalse(seen.body().path("parallel_tool_calls").asBoolean(true));
    assertEquals("json_object", seen.body().at("/response_format/type").asText());
    assertEquals("b", seen.body().at("/metadata/a").asText());
    assertFalse(seen.body().has("hyperion"), "the gateway's own block never goes upstream");
    assertFalse(seen.body().has("smart_routing"));
    assertEquals("gpt-4o", response.headers().firstValue("x-hyperion-model").orElseThrow());
  }

  @Test
  void toolDefinitionsGoUpAndToolCallsComeBackUntouched() throws Exception {
    String request = Fixtures.text("openai/chat-tool-call-request.json");
    JsonNode tree = JSON.readTree(request);
    ((ObjectNode) tree).put("model", "gpt-4o");
    HttpResponse<String> response = send(post("/v1/chat/completions", tree.toString()));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode recorded = JSON.readTree(Fixtures.text("openai/chat-tool-call.json"));
    JsonNode body = json(response);
    assertEquals(
        recorded.at("/choices/0/message/tool_calls"), body.at("/choices/0/message/tool_calls"));
    assertEquals("tool_calls", body.at("/choices/0/finish_reason").asText());
    assertTrue(body.at("/choices/0/message/content").isNull());
    FakeProviders.Seen seen =
        upstream.lastRequestContaining(tree.at("/messages/0/content").asText());
    assertEquals(tree.get("tools"), seen.body().get("tools"));
    if (tree.has("tool_choice")) {
      assertEquals(tree.get("tool_choice"), seen.body().get("tool_choice"));
    }
  }

  @Test
  void apiAliasPathServesTheSameEndpoint() throws Exception {
    HttpResponse<String> response =
        send(post("/api/chat/completions", chat("gpt-4o-mini", "alias-path")));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("gpt-4o-mini", json(response).path("model").asText());
  }

  @Test
  void debugHeaderReturnsServerTimingForEveryStage() throws Exception {
    HttpResponse<String> response =
        send(
            post("/v1/chat/completions", chat("gpt-4o", "timing")).header("x-hyperion-debug", "1"));

    assertEquals(200, response.statusCode(), response.body());
    String timing = response.headers().firstValue("Server-Timing").orElseThrow();
    for (String stage :
        new String[] {
          "auth;dur=", "policy;dur=", "cache;dur=", "route;dur=", "upstream;dur=", "total;dur="
        }) {
      assertTrue(timing.contains(stage), stage + " missing in " + timing);
    }
    HttpResponse<String> quiet = send(post("/v1/chat/completions", chat("gpt-4o", "no-timing")));
    assertTrue(quiet.headers().firstValue("Server-Timing").isEmpty());
  }

  @Test
  void retryableUpstreamFailureFallsBackToTheNextModel() throws Exception {
    String body =
        "{\"model\":\"limited-c\",\"messages\":[{\"role\":\"user\",\"content\":\"!429 fallback\"}],"
            + "\"hyperion\":{\"fallbacks\":[\"backup-mini\"]}}";
    HttpResponse<String> response = send(post("/v1/chat/completions", body));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("fallback", response.headers().firstValue("x-hyperion-route-mode").orElseThrow());
    assertEquals("backup", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    assertEquals("backup-mini", response.headers().firstValue("x-hyperion-model").orElseThrow());
    assertEquals(
        "/backup/v1/chat/completions", upstream.lastRequestContaining("!429 fallback").path());
  }
}
