package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GeminiToolCallIdsTest {

  @Test
  void aLegacyIdStillYieldsItsSignatureAsPaddedBase64Url() {
    assertEquals(
        "Ab-_cd==", GeminiToolCallIds.signature("call_abcdefghijklmnopqrstuvwx__thought__Ab-_cd"));
  }

  @Test
  void shortAndForeignIdsCarryNoSignature() {
    assertNull(GeminiToolCallIds.signature("call_abcdefghijklmnopqrstuvwx"));
    assertNull(GeminiToolCallIds.signature("toolu_01A09q90qw90lq917835lq9"));
    assertNull(GeminiToolCallIds.signature(null));
  }
}
