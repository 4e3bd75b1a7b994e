package ai.hyperion.routing.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClassificationTest {

  @Test
  void fixedPrintsWhatTheFormatItReplacesPrinted() {
    for (double value : new double[] {0, 0.005, 0.125, 0.5, 0.994, 0.995, 1, 2.45, 3.0, 12.25}) {
      assertEquals(String.format(Locale.ROOT, "%.2f", value), Classification.fixed(value, 2));
      assertEquals(String.format(Locale.ROOT, "%.1f", value), Classification.fixed(value, 1));
    }
  }
}
