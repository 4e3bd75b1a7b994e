package ai.hyperion.api.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiChunkWriterTest {

  private static JsonNode json(String chunk) {
    return Json.tryParse(chunk.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void theStreamsStartIsAnsweredAtOnceWithTheRole() {
    OpenAiChunkWriter writer = new OpenAiChunkWriter("gpt-4o", false);

    JsonNode first = json(writer.write(new StreamEvent.Start("chatcmpl-1", "upstream", 42L)));

    assertEquals("chatcmpl-1", first.path("id").asText());
    assertEquals("gpt-4o", first.path("model").asText(), "the served model, not the upstream's");
    assertEquals(42L, first.path("created").asLong());
    assertEquals("assistant", first.at("/choices/0/delta/role").asText());
    assertEquals("", first.at("/choices/0/delta/content").asText());
  }

  @Test
  void laterChunksCarryNoRoleAndUsageOnlyWhenAsked() {
    OpenAiChunkWriter quiet = new OpenAiChunkWriter("gpt-4o", false);
    quiet.write(new StreamEvent.Start("chatcmpl-1", "upstream", 42L));

    JsonNode text = json(quiet.write(new StreamEvent.TextDelta(0, "Hi")));
    JsonNode finish = json(quiet.write(new StreamEvent.Finish(0, FinishReason.STOP)));

    assertFalse(text.at("/choices/0/delta").has("role"));
    assertEquals("Hi", text.at("/choices/0/delta/content").asText());
    assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
    assertNull(quiet.write(new StreamEvent.UsageReport(new Usage(1, 1))));
    assertEquals(
        2,
        json(new OpenAiChunkWriter("gpt-4o", true)
                .write(new StreamEvent.UsageReport(new Usage(1, 1))))
            .at("/usage/total_tokens")
            .asInt());
  }
}
