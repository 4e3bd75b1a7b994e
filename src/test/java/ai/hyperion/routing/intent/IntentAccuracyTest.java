package ai.hyperion.routing.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.routing.intent.LabelledPrompts.Report;
import org.junit.jupiter.api.Test;

/** The classifier against the labelled set (src/test/resources/intent, see its README). */
class IntentAccuracyTest {

  @Test
  void classifiesTheLabelledSetWithAtLeast85PercentAccuracy() {
    var set = LabelledPrompts.load();
    assertTrue(set.size() >= 150, "the labelled set has " + set.size() + " prompts");
    Report report = LabelledPrompts.evaluate(new IntentClassifier(), set);
    assertTrue(
        report.accuracy() >= 0.85,
        report.table() + "\nmisses:\n" + String.join("\n", report.misses()));
  }

  @Test
  void everyIntentIsInTheSetAndSomePromptsAreNotEnglish() {
    var set = LabelledPrompts.load();
    for (Intent intent : Intent.values()) {
      assertTrue(set.stream().anyMatch(l -> l.label() == intent), intent.value());
    }
    assertTrue(set.stream().filter(l -> !l.lang().equals("en")).count() >= 30);
    assertEquals(set.size(), set.stream().map(LabelledPrompts.Labelled::id).distinct().count());
  }
}
