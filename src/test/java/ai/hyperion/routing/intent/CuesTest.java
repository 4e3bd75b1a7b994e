package ai.hyperion.routing.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.routing.intent.Cues.Cue;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CuesTest {

  private static Cues.Text text(String raw) {
    return new Cues.Text(raw.toLowerCase(Locale.ROOT));
  }

  @Test
  void aRegularExpressionsLiteralStartStopsAtTheFirstConstructAndDropsAnOptionalCharacter() {
    assertEquals("c++", Cues.literalStart("c\\+\\+"));
    assertEquals("c#", Cues.literalStart("c#"));
    assertEquals("consider", Cues.literalStart("consider(?:ing)? the"));
    assertEquals("what does ", Cues.literalStart("what does '?\\w+'? mean"));
    assertEquals("is a ", Cues.literalStart("is a \\w+ a"));
    assertEquals("colo", Cues.literalStart("colou?r"));
    assertEquals("ab", Cues.literalStart("ab+c"));
    assertEquals("", Cues.literalStart("\\bfoo"));
    assertEquals("", Cues.literalStart("ab|cd"), "a branch need not start with the first's text");
    assertEquals("", Cues.literalStart("x(a|b)"), "an alternation anywhere: no literal start");
  }

  @Test
  void anEntryThatIsARegularExpressionMatchesWhereverItsExpressionDoes() {
    Cue chat = Cues.words(2, "hello", "what does '?\\w+'? mean", "is a \\w+ a");
    assertTrue(chat.matches(text("What does serendipity mean?")));
    assertTrue(chat.matches(text("what does 'ephemeral' mean")));
    assertTrue(chat.matches(text("Is a tomato a fruit?")));
    assertFalse(chat.matches(text("what it does is mean")));

    Cue code = Cues.words(2.5, "python", "c\\+\\+", "c#");
    assertTrue(code.matches(text("Is C++ faster?")));
    assertTrue(code.matches(text("in C# please")));
    assertFalse(code.matches(text("a c+ grade")));
  }

  @Test
  void aPhraseMatchesOnlyAsWholeWordsInOrder() {
    Cue reasoning = Cues.words(2.5, "step by step", "root cause");
    assertTrue(reasoning.matches(text("Go through it, step-by-step.")));
    assertTrue(reasoning.matches(text("Find the ROOT CAUSE")));
    assertFalse(reasoning.matches(text("step by stepping stones")));
    assertFalse(reasoning.matches(text("by step step")));
  }

  @Test
  void theCodeNotationCueStillSeesEachOfItsForms() {
    Cue notation = Cues.CODE.get(5);
    for (String code :
        new String[] {
          "x => x + 1", "if (a) {", "return a;", "def run(x):", "function(a)", "<div>"
        }) {
      assertTrue(notation.matches(text(code)), code);
    }
    assertFalse(notation.matches(text("Say hello 1701-123456-0")));
  }
}
