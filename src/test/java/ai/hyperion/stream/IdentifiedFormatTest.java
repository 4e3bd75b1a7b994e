package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.openai.OpenAiStreamFormat;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiedFormatTest {

  @Test
  void theFirstEventBlockCarriesTheRequestIdAsAComment() {
    IdentifiedFormat format = new IdentifiedFormat(new OpenAiStreamFormat("gpt-4o", false), "r1");
    List<String> first = format.write(new StreamEvent.Start("chatcmpl-1", "gpt-4o", 1L));
    List<String> second = format.write(new StreamEvent.TextDelta(0, "hi"));
    format.write(new StreamEvent.Finish(0, FinishReason.STOP));

    String all = String.join("", first) + String.join("", second) + format.end();
    assertTrue(all.startsWith(": x-hyperion-request-id r1\ndata: {"), all);
    assertEquals(1, all.split("x-hyperion-request-id", -1).length - 1, all);
  }

  @Test
  void aStreamThatFailsBeforeAnyEventNamesTheRequestInItsErrorEvent() {
    IdentifiedFormat format = new IdentifiedFormat(new OpenAiStreamFormat("gpt-4o", false), "r2");
    assertEquals(": x-hyperion-request-id r2\ndata: [DONE]\n\n", format.end());
  }
}
