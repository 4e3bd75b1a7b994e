package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at the gateway, works unchanged. */
class OpenAiSdkIT extends GatewayIT {

  private static OpenAIClient client() {
    return OpenAIOkHttpClient.builder()
        .apiKey(KEY)
        .baseUrl(baseUrl() + "/v1")
        .maxRetries(0)
        .build();
  }

  @Test
  void sdkNonStreamingCall() {
    ChatCompletion completion =
        client()
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o")
                    .addUserMessage("sdk hello")
                    .build());

    assertEquals("gpt-4o", completion.model());
    assertTrue(
        completion
            .choices()
            .get(0)
            .message()
            .content()
            .orElseThrow()
            .startsWith("**Holiday Name:**"));
    assertEquals(16, completion.usage().orElseThrow().promptTokens());
  }

  @Test
  void sdkStreamingCall() {
    StringBuilder text = new StringBuilder();
    long[] completionTokens = {0};
    try (StreamResponse<ChatCompletionChunk> stream =
        client()
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o")
                    .addUserMessage("sdk stream")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usage -> completionTokens[0] = usage.completionTokens());
              });
    }
    assertTrue(text.toString().startsWith("I'm unable to provide"), text.toString());
    assertTrue(completionTokens[0] > 0);
  }
}
