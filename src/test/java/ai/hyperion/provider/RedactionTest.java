package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void keysInsideTextAreMasked() {
    String text =
        "Incorrect API key provided: sk-proj-abcdef1234567890XYZ and Bearer hk-abcdefgh_secretpart";
    String redacted = Redaction.redact(text);
    assertFalse(redacted.contains("abcdef1234567890XYZ"), redacted);
    assertFalse(redacted.contains("secretpart"), redacted);
  }

  @Test
  void secretsNeverPrintThemselves() {
    assertEquals("sk-l****", new Secret("sk-live-1234567890").toString());
    assertEquals("<none>", new Secret("").toString());
  }
}
