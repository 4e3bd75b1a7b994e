package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the post-match check rejects, and the rewordings it lets through. */
class PostMatchCheckTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "What is 15% of 80? | What is 15% of 90? | numbers",
        "Give me three ideas. | Give me 3 ideas. | ",
        "Is 1,000 users a lot? | Is 1000 users a lot? | ",
        "Convert 10 miles to km. | Convert 10 km to miles. | units",
        "How do I convert 5 kilometers to miles? | How many miles is 5 kilometers? | ",
        "What is 30 degrees Celsius in Fahrenheit? | What is 30 °F in Celsius? | units",
        "Can dogs eat grapes? | Why can't dogs eat grapes? | negation",
        "Show recipes with dairy. | Show recipes without dairy. | negation",
        "Translate \"good night\" to Spanish. | Translate \"good morning\" to Spanish. | quoted",
        "What is the capital of France? | What is the capital of Germany? | names",
        "what is the capital of australia | What is the capital of Australia? | ",
        "Compare AWS and Azure. | Compare AWS and GCP. | names",
        "Fix the bug in getUserName(). | Fix the bug in getUserId(). | identifiers",
        "What does git push --force do? | What does git push --force-with-lease do? | identifiers",
        "How do I reset my password? | Comment réinitialiser mon mot de passe ? | language",
        "What is the boiling point of water? | What is the freezing point of water? | topic",
        "How do I reset my password? | How can I reset my password? | ",
        "What's the capital of France? | What is the capital city of France? | ",
      })
  void agreesOnlyWhenTheDecisiveDetailsAgree(String cached, String incoming, String expected) {
    assertEquals(Optional.ofNullable(expected), PostMatchCheck.disagreement(cached, incoming));
  }
}
