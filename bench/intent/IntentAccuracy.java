import ai.hyperion.routing.intent.IntentClassifier;
import ai.hyperion.routing.intent.LabelledPrompts;

/** Prints the classifier's accuracy on the labelled set, its confusion table and its misses. */
public class IntentAccuracy {
  public static void main(String[] args) {
    var report = LabelledPrompts.evaluate(new IntentClassifier(), LabelledPrompts.load());
    System.out.println(report.table());
    System.out.println("misses (id [split] label -> predicted (deciding signal)):");
    report.misses().forEach(m -> System.out.println("  " + m));
  }
}
