package ai.hyperion.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.RequestRefusedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  @Test
  void theBodyIsReadWhetherItsLengthIsDeclaredOrNotAndTooLargeIs413() {
    RequestBodyReader reader = new RequestBodyReader();
    reader.maxBodyBytes = 1 << 20;
    byte[] body = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(body, reader.readBytes("15", new ByteArrayInputStream(body)));
    assertArrayEquals(body, reader.readBytes(null, new ByteArrayInputStream(body)));
    // A body shorter than declared is what arrived (the JSON parser then says what is wrong).
    assertArrayEquals(body, reader.readBytes("40", new ByteArrayInputStream(body)));
    byte[] big = new byte[100_000];
    Arrays.fill(big, (byte) ' ');
    assertEquals(
        100_000, reader.readBytes("100000", new ByteArrayInputStream(big)).length, "grown");
    RequestRefusedException tooLarge =
        assertThrows(
            RequestRefusedException.class,
            () -> reader.readBytes("2000000", new ByteArrayInputStream(body)));
    assertEquals(413, tooLarge.status());
  }
}
