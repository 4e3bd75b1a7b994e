package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK calls POST /v1/messages on the gateway, routed to any provider.
 */
class AnthropicSdkIT extends GatewayIT {

  private static AnthropicClient client() {
    return AnthropicOkHttpClient.builder().apiKey(KEY).baseUrl(baseUrl()).maxRetries(0).build();
  }

  @Test
  void sdkMessageRoutedToAnOpenAiUpstream() {
    Message message =
        client()
            .messages()
            .create(
                MessageCreateParams.builder()
                    .model("gpt-4o")
                    .maxTokens(256)
                    .addUserMessage("anthropic sdk to openai")
                    .build());

    assertTrue(
        message.content().get(0).text().orElseThrow().text().startsWith("**Holiday Name:**"));
    assertEquals("gpt-4o", message.model().asString());
    assertEquals(16, message.usage().inputTokens());
  }

  @Test
  void sdkStreamRoutedToAnthropic() {
    StringBuilder text = new StringBuilder();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client()
            .messages()
            .createStreaming(
                MessageCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .maxTokens(256)
                    .addUserMessage("anthropic sdk stream")
                    .build())) {
      stream.stream()
          .forEach(
              event ->
                  event
                      .contentBlockDelta()
                      .flatMap(delta -> delta.delta().text())
                      .ifPresent(t -> text.append(t.text())));
    }
    assertTrue(text.toString().startsWith("Hello! I"), text.toString());
  }

  @Test
  void sdkStreamRoutedToAnOpenAiUpstream() {
    StringBuilder text = new StringBuilder();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client()
            .messages()
            .createStreaming(
                MessageCreateParams.builder()
                    .model("gpt-4o")
                    .maxTokens(256)
                    .addUserMessage("anthropic sdk stream openai")
                    .build())) {
      stream.stream()
          .forEach(
              event ->
                  event
                      .contentBlockDelta()
                      .flatMap(delta -> delta.delta().text())
                      .ifPresent(t -> text.append(t.text())));
    }
    assertTrue(text.toString().startsWith("I'm unable to provide"), text.toString());
  }

  @Test
  void errorsOnTheMessagesEndpointUseAnthropicsShape() throws Exception {
    HttpResponse<String> missingMaxTokens =
        send(
            post(
                "/v1/messages",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertEquals(400, missingMaxTokens.statusCode(), missingMaxTokens.body());
    assertEquals("error", json(missingMaxTokens).path("type").asText());
    assertEquals("invalid_request_error", json(missingMaxTokens).at("/error/type").asText());

    HttpResponse<String> badKey =
        send(post("/v1/messages", "{}").setHeader("Authorization", "Bearer hk-nope-0000000"));
    assertEquals(401, badKey.statusCode(), badKey.body());
    assertEquals("authentication_error", json(badKey).at("/error/type").asText());
  }
}
