package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RetryDelaysTest {

  @Test
  void googleDurations() {
    assertEquals(34_400L, RetryDelays.googleDuration("34.4s"));
    assertEquals(30_000L, RetryDelays.googleDuration("30s"));
    assertEquals(1L, RetryDelays.googleDuration("0.0001s"));
    assertNull(RetryDelays.googleDuration("soon"));
    assertNull(RetryDelays.googleDuration(null));
  }

  @Test
  void openAiAndAzureSentences() {
    assertEquals(
        26_604L, RetryDelays.fromMessage("Limit 10000. Please try again in 26.604s. Visit ..."));
    assertEquals(20L, RetryDelays.fromMessage("Please try again in 20ms."));
    assertEquals(86_500L, RetryDelays.fromMessage("Please try again in 1m26.5s."));
    assertEquals(3_600_000L, RetryDelays.fromMessage("Please try again in 1h."));
    assertEquals(20_000L, RetryDelays.fromMessage("Please retry after 20 seconds."));
    assertNull(RetryDelays.fromMessage("Please try again later."));
    assertNull(RetryDelays.fromMessage(null));
  }
}
