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
}
