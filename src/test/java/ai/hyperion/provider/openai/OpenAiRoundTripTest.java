package ai.hyperion.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.openai.OpenAiRequestReader;
import ai.hyperion.api.openai.OpenAiResponseWriter;
import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenAiRoundTripTest {

  @Test
  void recordedToolRequestSurvivesReadAndWrite() throws Exception {
    JsonNode original = Json.parse(Fixtures.text("openai/chat-tool-call-request.json"));
    ChatRequest request = OpenAiRequestReader.read(original, Set.of());
    JsonNode written = OpenAiRequestTranslator.write(request);

    assertEquals(original.get("model"), written.get("model"));
    assertEquals(original.get("messages"), written.get("messages"));
    assertEquals(original.get("tools").size(), written.get("tools").size());
    assertEquals(original.at("/tools/0/function/name"), written.at("/tools/0/function/name"));
    assertEquals(
        original.at("/tools/0/function/parameters"), written.at("/tools/0/function/parameters"));
  }

  @Test
  void recordedResponseSurvivesReadAndWrite() throws Exception {
    JsonNode original = Json.parse(Fixtures.text("openai/chat-tool-call.json"));
    ChatResponse response = OpenAiResponseTranslator.read(original, "openai");
    JsonNode written = OpenAiResponseWriter.write(response);

    assertEquals(original.get("id"), written.get("id"));
    assertEquals(
        original.at("/choices/0/message/tool_calls"), written.at("/choices/0/message/tool_calls"));
    assertEquals(original.at("/choices/0/finish_reason"), written.at("/choices/0/finish_reason"));
    assertEquals(original.at("/usage/total_tokens"), written.at("/usage/total_tokens"));
    assertEquals(original.get("system_fingerprint"), written.get("system_fingerprint"));
  }

  @Test
  void unknownFieldsAndGatewayExtensionsAreSeparated() throws Exception {
    JsonNode body =
        Json.parse(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"bob"
                + "\"}],"
                + "\"seed\":1,\"hyperion\":{},\"logit_bias\":{\"50256\":-100}}");
    ChatRequest request = OpenAiRequestReader.read(body, Set.of("hyperion"));
    JsonNode written = OpenAiRequestTranslator.write(request);

    assertEquals(1, written.path("seed").asInt());
    assertEquals(-100, written.at("/logit_bias/50256").asInt());
    assertEquals("bob", written.at("/messages/0/name").asText());
    assertFalse(written.has("hyperion"));
  }

  @Test
  void streamingRequestsAlwaysAskTheUpstreamForUsage() throws Exception {
    ChatRequest request =
        OpenAiRequestReader.read(
            Json.parse(
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"hi\"}]}"),
            Set.of());
    assertFalse(request.includeUsage());
    assertTrue(
        OpenAiRequestTranslator.write(request).at("/stream_options/include_usage").asBoolean());
  }

  @Test
  void toolMessagesNeedTheirCallId() throws Exception {
    JsonNode body =
        Json.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\"}]}");
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> OpenAiRequestReader.read(body, Set.of()));
    assertEquals("messages[0].tool_call_id", e.param());
  }

  @Test
  void upstreamErrorsKeepTheirMessageAndMapToGatewayStatuses() {
    byte[] rateLimited =
        Fixtures.text("openai/error-429-rate-limit-exceeded.json").getBytes(StandardCharsets.UTF_8);
    ProviderException limited = OpenAiResponseTranslator.readError("openai", 429, rateLimited);
    assertEquals(429, limited.status());
    assertEquals("rate_limit_exceeded", limited.code());
    assertTrue(limited.retryable());

    byte[] badKey =
        Fixtures.text("openai/error-401-invalid-api-key.json").getBytes(StandardCharsets.UTF_8);
    ProviderException key = OpenAiResponseTranslator.readError("openai", 401, badKey);
    assertEquals(502, key.status(), "an upstream key problem is the operator's, not the caller's");
    assertFalse(key.retryable());

    ProviderException html =
        OpenAiResponseTranslator.readError(
            "openai", 503, "<html>busy</html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(503, html.status());
    assertTrue(html.retryable());
  }
}
