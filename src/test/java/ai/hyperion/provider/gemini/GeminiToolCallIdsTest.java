package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeminiToolCallIdsTest {

  @Test
  void signatureRoundTripsThroughTheIdAsPaddedBase64Url() {
    String id = GeminiToolCallIds.mint("Ab+/cd==");

    assertTrue(id.matches("call_[A-Za-z0-9]{24}__thought__Ab-_cd"), id);
    assertEquals("Ab-_cd==", GeminiToolCallIds.signature(id));
  }

  @Test
  void idsWithoutSignatureAreShortAndUnique() {
    String id = GeminiToolCallIds.mint(null);

    assertTrue(id.matches("call_[A-Za-z0-9]{24}"), id);
    assertNull(GeminiToolCallIds.signature(id));
    assertNotEquals(id, GeminiToolCallIds.mint(null));
  }

  @Test
  void foreignIdsCarryNoSignature() {
    assertNull(GeminiToolCallIds.signature("toolu_01A09q90qw90lq917835lq9"));
    assertNull(GeminiToolCallIds.signature(null));
  }
}
