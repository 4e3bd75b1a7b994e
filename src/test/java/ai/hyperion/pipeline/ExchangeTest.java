package ai.hyperion.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExchangeTest {

  @Test
  void requestIdsAreUniqueAndSortByTheTimeTheyWereMade() throws Exception {
    Set<String> seen = new HashSet<>();
    String previous = null;
    for (int i = 0; i < 10_000; i++) {
      String id = Exchange.newRequestId();
      assertTrue(id.matches("req_[0-9a-f]{32}"), id);
      assertTrue(seen.add(id), "unique: " + id);
      if (i % 1000 == 0) {
        if (previous != null) {
          assertTrue(previous.compareTo(id) < 0, previous + " before " + id);
        }
        previous = id;
        Thread.sleep(2);
      }
    }
    long millis = Long.parseLong(previous.substring(4, 16), 16);
    assertTrue(Math.abs(System.currentTimeMillis() - millis) < 60_000, "the time is in the id");
    assertEquals(36, previous.length());
  }
}
