package ai.hyperion.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpStatusesTest {

  @Test
  void everyStatusTheGatewayAnswersHasItsReasonPhrase() {
    assertEquals("Too Many Requests", HttpStatuses.of(429).getReasonPhrase());
    assertEquals(429, HttpStatuses.of(429).getStatusCode());
    assertEquals("Unprocessable Content", HttpStatuses.of(422).getReasonPhrase());
    assertEquals("Bad Gateway", HttpStatuses.of(502).getReasonPhrase());
    assertEquals("Service Unavailable", HttpStatuses.of(503).getReasonPhrase());
    assertEquals("Bad Request", HttpStatuses.of(400).getReasonPhrase());
  }
}
