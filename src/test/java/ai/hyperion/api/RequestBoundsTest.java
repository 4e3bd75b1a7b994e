package ai.hyperion.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.openai.OpenAiEmbeddingFormat;
import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Work per request is bounded: fallbacks, embedding inputs, and what a model name may be. */
class RequestBoundsTest {

  @Test
  void moreFallbacksThanTheLimitAre400NamingIt() {
    ObjectNode body = Json.object();
    ArrayNode fallbacks = body.putObject("hyperion").putArray("fallbacks");
    for (int i = 0; i < 6; i++) {
      fallbacks.add("model-" + i);
    }

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> RequestOptionsReader.read(body, 5));

    assertEquals("hyperion.fallbacks", refused.param());
    assertTrue(refused.getMessage().contains("at most 5"), refused.getMessage());
    fallbacks.remove(5);
    assertEquals(5, RequestOptionsReader.read(body, 5).fallbacks().size());
  }

  @Test
  void moreEmbeddingInputsThanTheLimitAre400NamingIt() {
    ObjectNode body = Json.object().put("model", "text-embedding-3-small");
    ArrayNode input = body.putArray("input");
    for (int i = 0; i < 11; i++) {
      input.add("x");
    }

    InvalidRequestException refused =
        assertThrows(
            InvalidRequestException.class, () -> OpenAiEmbeddingFormat.readRequest(body, 10));

    assertEquals("input", refused.param());
    assertTrue(refused.getMessage().contains("10"), refused.getMessage());
  }

  @Test
  void modelNamesAreBoundedInLengthAndCharacters() {
    for (String good :
        List.of(
            "gpt-4o",
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "claude-sonnet-4-5@20250929",
            "openai/ft:gpt-4o-mini:org:custom:id",
            "meta-llama/Llama-3.1-8B-Instruct")) {
      assertEquals(good, ModelNameRule.check("model", good));
    }
    for (String bad :
        List.of(
            "gpt-4o\r\nX-Injected: 1",
            "gpt 4o",
            "m?x",
            "m#x",
            "m%2F",
            "",
            "x".repeat(ModelNameRule.MAX_LENGTH + 1))) {
      InvalidRequestException refused =
          assertThrows(InvalidRequestException.class, () -> ModelNameRule.check("model", bad));
      assertEquals("model", refused.param());
      assertFalse(!bad.isEmpty() && refused.getMessage().contains(bad), "not echoed");
    }
  }
}
