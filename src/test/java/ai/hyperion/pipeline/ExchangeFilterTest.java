package ai.hyperion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExchangeFilterTest {

  @Test
  void anEndpointHasOneLeadingSlashWhetherThePathCameWithOneOrNot() {
    assertEquals("/v1/chat/completions", ExchangeFilter.endpoint("v1/chat/completions"));
    assertEquals("/v1/chat/completions", ExchangeFilter.endpoint("/v1/chat/completions"));
    assertEquals("/", ExchangeFilter.endpoint(""));
  }
}
