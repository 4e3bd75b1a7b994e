package ai.hyperion.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyReaderTest {

  private static InvalidRequestException refused(String body) {
    RequestBodyReader reader = new RequestBodyReader();
    reader.maxBodyBytes = 1 << 20;
    return assertThrows(
        InvalidRequestException.class,
        () -> reader.read(null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aBodyNestedTwentyThousandLevelsIsA400NamingTheNestingLimit() {
    String deep = "{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";

    InvalidRequestException refused = refused(deep);

    assertEquals(400, refused.status());
    assertTrue(refused.getMessage().contains("nesting depth"), refused.getMessage());
    assertTrue(refused.getMessage().contains("1000"), refused.getMessage());
  }

  @Test
  void aSyntaxErrorStillSaysWhere() {
    InvalidRequestException refused = refused("{\"model\": \"gpt-4o\", \"messages\": [");

    assertTrue(refused.getMessage().contains("line 1"), refused.getMessage());
  }
}
