package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void upstreamErrorTextLosesTheOperatorsAccountDetailsBeforeATenantSeesIt() {
    String upstream =
        "Project `proj_AbC123xyz` in organization org-9Zx8Yw7Vu6 does not have access to model"
            + " gpt-4o. Incorrect API key provided: sk-proj-****abcd. User:"
            + " arn:aws:iam::123456789012:user/gateway is not authorized. Permission denied on"
            + " projects/987654321098/locations/us-central1 for"
            + " gateway@my-project.iam.gserviceaccount.com.";

    String shown = Redaction.forTenant(upstream);

    for (String leak :
        new String[] {
          "AbC123xyz",
          "9Zx8Yw7Vu6",
          "abcd",
          "123456789012",
          "987654321098",
          "my-project",
          "gateway@"
        }) {
      assertFalse(shown.contains(leak), leak + " leaked in: " + shown);
    }
    assertTrue(shown.contains("does not have access to model gpt-4o"), shown);
    assertTrue(shown.contains("is not authorized"), shown);
  }

  @Test
  void ordinaryNumbersInUpstreamErrorsStay() {
    String upstream =
        "This model's maximum context length is 128000 tokens. However, your messages resulted"
            + " in 131072 tokens.";
    assertEquals(upstream, Redaction.forTenant(upstream));
  }
}
