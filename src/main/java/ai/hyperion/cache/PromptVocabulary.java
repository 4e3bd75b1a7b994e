package ai.hyperion.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The word lists {@link PromptFeatures} reads prompts with (English first; the languages for
 * telling a prompt's language apart).
 */
final class PromptVocabulary {

  /** Function words and the light verbs of questions: they carry no topic. */
  static final Set<String> STOPWORDS =
      words(
          "a an the is are was were be been being am do does did doing i me my mine you your yours"
              + " we our us it its it's this that these those there here what what's whats which"
              + " who whom whose why how when where can could should would will shall may might"
              + " must to of in on at for from by with about as into onto over and or but if so"
              + " than then too very some any all please tell give explain describe list show write"
              + " make get use using need want like know mean means exactly really just also okay"
              + " ok way ways help have has had one someone people thing things something kind sort"
              + " type terms simple words few short main mainly best good much many out up down s t"
              + " let lets let's say work works job calculate find go going try trying summary"
              + " summarize summarise suggest recommend name idea ideas tips tip other difference"
              + " different differ vs versus exist exists cause causes caused purpose function used"
              + " ever per every each");

  static final Set<String> NEGATIONS =
      words(
          "not no never without none nobody nothing neither nor cannot nowhere except excluding "
              + "non");

  /** Spellings that are units only right after a number ("5 l", but "who won", "in C"). */
  static final Set<String> AFTER_NUMBER_ONLY = words("c f l won ha mi");

  /** Number words and ordinals → digits. */
  static final Map<String, String> NUMBER_WORDS =
      pairs(
          "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 "
              + "eleven=11 twelve=12 fifteen=15 twenty=20 thirty=30 fifty=50 hundred=100 "
              + "thousand=1000 million=1000000 first=1 second=2 third=3 fourth=4 fifth=5 tenth=10 "
              + "dozen=12 half=0.5 twice=2");

  /** Function words by language; a prompt's language is the one with the most (two or more). */
  static final Map<String, Set<String>> LANGUAGE_WORDS =
      Map.of(
          "en",
          words(
              "the is what how do i you of and to my can are in a an why does should which me tell"
                  + " about for with it on this that be give your there some who when where many"
                  + " much write explain what's"),
          "fr",
          words(
              "le la les est que qu'est-ce quelle quel comment pourquoi je de des du une un et il y"
                  + " combien"),
          "de",
          words(
              "der die das ist wie was ich und ein eine warum über den schnell mein nicht erkläre "
                  + "schreibe"),
          "es",
          words("el la los las es qué cómo por mi de que y un una quién cuál escribió hago desde"),
          "it",
          words(
              "il lo la gli sono che come per di un una quali dell'influenza dammi qualche perché"
                  + " è"),
          "pt",
          words("o a os as é que como minha meu de do da um uma resuma não por"),
          "nl",
          words("de het een is wat hoe ik en van over vertel me mijn waarom"));

  /** Unit spellings → one canonical name: "canonical=spelling spelling ..." per line. */
  static final Map<String, String> UNITS =
      units(
          "km=km kms kilometer kilometers kilometre kilometres",
          "mi=mi mile miles",
          "m=meter meters metre metres",
          "cm=cm centimeter centimeters centimetre centimetres",
          "mm=mm millimeter millimeters millimetre millimetres",
          "ft=ft foot feet",
          "inch=inch inches",
          "yd=yd yard yards",
          "kg=kg kgs kilo kilos kilogram kilograms",
          "g=gram grams",
          "lb=lb lbs pound pounds",
          "oz=oz ounce ounces",
          "l=l liter liters litre litres",
          "ml=ml milliliter milliliters millilitre millilitres",
          "gal=gallon gallons gal",
          "quart=quart quarts qt",
          "pint=pint pints",
          "cup=cup cups",
          "tbsp=tablespoon tablespoons tbsp",
          "tsp=teaspoon teaspoons tsp",
          "celsius=celsius °c c",
          "fahrenheit=fahrenheit °f f",
          "kelvin=kelvin",
          "mph=mph",
          "km/h=km/h kph kmh",
          "knot=knot knots",
          "s=sec secs second seconds",
          "min=min mins minute minutes",
          "h=hr hrs hour hours",
          "day=day days",
          "week=week weeks",
          "month=month months",
          "year=year years yr yrs",
          "w=watt watts",
          "kw=kw kilowatt kilowatts",
          "hp=hp horsepower",
          "byte=byte bytes",
          "kb=kb kilobyte kilobytes",
          "mb=mb megabyte megabytes",
          "gb=gb gigabyte gigabytes",
          "tb=tb terabyte terabytes",
          "acre=acre acres",
          "hectare=hectare hectares ha",
          "usd=usd $ dollar dollars",
          "eur=eur € euro euros",
          "gbp=gbp £",
          "jpy=jpy yen ¥",
          "krw=krw won",
          "percent=percent % percentage");

  private PromptVocabulary() {}

  private static Set<String> words(String spaceSeparated) {
    return Set.copyOf(Arrays.asList(spaceSeparated.trim().split("\\s+")));
  }

  private static Map<String, String> pairs(String spaceSeparated) {
    Map<String, String> map = new HashMap<>();
    for (String pair : spaceSeparated.trim().split("\\s+")) {
      String[] kv = pair.split("=");
      map.put(kv[0], kv[1]);
    }
    return Map.copyOf(map);
  }

  private static Map<String, String> units(String... lines) {
    Map<String, String> map = new HashMap<>();
    for (String line : lines) {
      String[] kv = line.split("=");
      for (String spelling : kv[1].split(" ")) {
        map.put(spelling, kv[0]);
      }
    }
    return Map.copyOf(map);
  }
}
