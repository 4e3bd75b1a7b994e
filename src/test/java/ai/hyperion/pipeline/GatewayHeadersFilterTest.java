package ai.hyperion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** No value the gateway writes into a header can split the response or bloat it. */
class GatewayHeadersFilterTest {

  @Test
  void controlCharactersAreDroppedAndLengthIsCapped() {
    assertEquals("gpt-4oX-Injected: yes", GatewayHeadersFilter.safe("gpt-4o\r\nX-Injected: yes"));
    assertEquals("ab", GatewayHeadersFilter.safe("a\u0000\tb\u007f"));
    assertEquals(256, GatewayHeadersFilter.safe("m".repeat(70_000)).length());
    assertEquals("claude-sonnet-4-5", GatewayHeadersFilter.safe("claude-sonnet-4-5"));
  }

  @Test
  void serverTimingDurationsAreMillisecondsWithThreeDecimalsRoundedHalfUp() {
    assertEquals("0.000", GatewayHeadersFilter.millis(0));
    assertEquals("0.000", GatewayHeadersFilter.millis(499));
    assertEquals("0.001", GatewayHeadersFilter.millis(500));
    assertEquals("0.042", GatewayHeadersFilter.millis(41_700));
    assertEquals("0.420", GatewayHeadersFilter.millis(420_000));
    assertEquals("1.234", GatewayHeadersFilter.millis(1_234_400));
    assertEquals("12345.679", GatewayHeadersFilter.millis(12_345_678_900L));
    assertEquals("0.000", GatewayHeadersFilter.millis(-5));
  }
}
