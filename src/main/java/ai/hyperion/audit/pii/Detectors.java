package ai.hyperion.audit.pii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in detectors, by name. */
public final class Detectors {

  public static final String EMAIL = "email";
  public static final String PHONE = "phone";
  public static final String CARD = "card";
  public static final String IBAN = "iban";
  public static final String SSN = "ssn";
  public static final String IP_ADDRESS = "ip_address";
  public static final String SECRET = "secret";

  static final Detector EMAIL_DETECTOR =
      new PatternDetector(
          EMAIL,
          Pattern.compile(
              "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@"
                  + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}"
                  + "(?![A-Za-z0-9-])"),
          candidate -> true,
          Detectors::emailStart,
          text -> {
            int at = text.indexOf('@');
            return at < 0 ? -1 : Math.max(0, at - 64);
          });

  /**
   * International numbers (+ and 8 to 15 digits), North American ones ((212) 555-0199,
   * 212-555-0199) and national ones with a trunk 0 and separators (030 1234 5678). Bare digit runs
   * are not phones: too many other things look like them.
   */
  static final Detector PHONE_DETECTOR =
      new PatternDetector(
          PHONE,
          Pattern.compile(
              "(?<![\\w+])\\+[1-9]\\d{0,3}(?:["
                  + " .-]?\\(?\\d{1,5}\\)?){1,6}(?![\\w-])|(?<![\\w(+-])(?:\\([2-9]\\d{2}\\)"
                  + " ?|[2-9]\\d{2}[-. ])\\d{3}[-. ]\\d{4}(?![\\w-])|(?<![\\w+-])0\\d{1,4}["
                  + " /-]\\d{2,8}(?:[ -]\\d{2,8}){0,2}(?![\\w-])"),
          Detectors::phone,
          (text, i) -> {
            char c = text.charAt(i);
            char b = PatternDetector.before(text, i);
            return (c == '+' || c == '(' || PatternDetector.digit(c))
                && !PatternDetector.alnum(b)
                && b != '_'
                && b != '+';
          },
          text -> {
            int digit = PatternDetector.firstDigit(text);
            int plus = text.indexOf('+');
            int paren = text.indexOf('(');
            int first = digit;
            for (int other : new int[] {plus, paren}) {
              if (other >= 0 && (first < 0 || other < first)) {
                first = other;
              }
            }
            return first;
          });

  static final Detector CARD_DETECTOR =
      new PatternDetector(
          CARD,
          Pattern.compile("(?<![\\d+-])(?:\\d[ -]?){12,18}\\d(?![\\d-])"),
          Checksums::card,
          Detectors::digitRunStart,
          PatternDetector::firstDigit);

  static final Detector SSN_DETECTOR =
      new PatternDetector(
          SSN,
          Pattern.compile(
              "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])"),
          candidate -> true,
          Detectors::digitRunStart,
          PatternDetector::firstDigit);

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\d.])(?:" + OCTET + "\\.){3}" + OCTET + "(?!\\.?\\d)");
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]"
              + "{1,4})?"
              + "(?![0-9A-Za-z:]|\\.\\d)");

  private static final Detector IPV4_DETECTOR =
      new PatternDetector(
          IP_ADDRESS,
          IPV4,
          candidate -> true,
          (text, i) -> {
            char b = PatternDetector.before(text, i);
            if (!PatternDetector.digit(text.charAt(i)) || PatternDetector.digit(b) || b == '.') {
              return false;
            }
            int end = Math.min(text.length(), i + 4);
            for (int j = i + 1; j < end; j++) {
              if (text.charAt(j) == '.') {
                return true;
              }
            }
            return false;
          },
          text -> text.indexOf('.') < 0 ? -1 : PatternDetector.firstDigit(text));

  private static final Detector IPV6_DETECTOR =
      new PatternDetector(
          IP_ADDRESS,
          IPV6,
          Detectors::ipv6,
          (text, i) -> {
            char c = text.charAt(i);
            char b = PatternDetector.before(text, i);
            if (!(PatternDetector.hex(c) || c == ':')
                || PatternDetector.alnum(b)
                || b == ':'
                || b == '.') {
              return false;
            }
            int end = Math.min(text.length(), i + 5);
            for (int j = i; j < end; j++) {
              if (text.charAt(j) == ':') {
                return true;
              }
            }
            return false;
          },
          text -> {
            int colon = text.indexOf(':');
            return colon < 0 ? -1 : Math.max(0, colon - 4);
          });

  static final Detector IP_DETECTOR =
      new Detector() {
        @Override
        public String name() {
          return IP_ADDRESS;
        }

        @Override
        public void find(String text, List<Finding> into) {
          IPV4_DETECTOR.find(text, into);
          IPV6_DETECTOR.find(text, into);
        }
      };

  /** Two letters, two check digits, 11 to 30 letters or digits, optionally in groups. */
  private static final Pattern IBAN_CANDIDATE =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

  static final Detector IBAN_DETECTOR =
      new Detector() {
        @Override
        public String name() {
          return IBAN;
        }

        /** A candidate that ran into the next word is shortened at its spaces until it checks. */
        @Override
        public void find(String text, List<Finding> into) {
          Matcher matcher = null;
          int n = text.length();
          for (int i = 0; i + 15 <= n; i++) {
            if (!PatternDetector.upper(text.charAt(i))
                || !PatternDetector.upper(text.charAt(i + 1))
                || !PatternDetector.digit(text.charAt(i + 2))
                || !PatternDetector.digit(text.charAt(i + 3))
                || PatternDetector.alnum(PatternDetector.before(text, i))) {
              continue;
            }
            if (matcher == null) {
              matcher = IBAN_CANDIDATE.matcher(text).useTransparentBounds(true);
            }
            matcher.region(i, n);
            if (!matcher.lookingAt()) {
              continue;
            }
            String candidate = matcher.group();
            while (candidate.length() >= 15) {
              if (Checksums.iban(candidate)) {
                into.add(new Finding(IBAN, i, i + candidate.length(), candidate));
                i += candidate.length() - 1;
                break;
              }
              int space = candidate.lastIndexOf(' ');
              if (space < 0) {
                break;
              }
              candidate = candidate.substring(0, space);
            }
          }
        }
      };

  /** Provider API keys, JWTs and private key blocks. */
  static final Detector SECRET_DETECTOR =
      new PatternDetector(
          SECRET,
          Pattern.compile(
              "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE"
                  + " KEY-----"
                  + "|(?<![A-Za-z0-9_-])(?:"
                  + "sk-ant-[A-Za-z0-9_-]{20,}"
                  + "|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"
                  + "|(?:AKIA|ASIA)[0-9A-Z]{16}"
                  + "|AIza[0-9A-Za-z_-]{35}"
                  + "|gh[pousr]_[A-Za-z0-9]{36,255}"
                  + "|github_pat_[A-Za-z0-9_]{22,255}"
                  + "|glpat-[A-Za-z0-9_-]{20,}"
                  + "|xox[abprs]-[A-Za-z0-9-]{10,}"
                  + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"
                  + "|xai-[A-Za-z0-9]{20,}"
                  + "|hk-[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}"
                  + "|eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}"
                  + ")(?![A-Za-z0-9_-])"),
          Detectors::secret,
          Detectors::secretStart,
          Detectors::firstSecretPrefix);

  private static final Map<String, Detector> BUILT_IN =
      Map.of(
          EMAIL, EMAIL_DETECTOR,
          PHONE, PHONE_DETECTOR,
          CARD, CARD_DETECTOR,
          IBAN, IBAN_DETECTOR,
          SSN, SSN_DETECTOR,
          IP_ADDRESS, IP_DETECTOR,
          SECRET, SECRET_DETECTOR);

  /** In the order they are listed in settings and tried on ties. */
  public static final List<String> NAMES =
      List.of(SECRET, CARD, IBAN, EMAIL, SSN, PHONE, IP_ADDRESS);

  private Detectors() {}

  /** The built-in detector of that name, or null. */
  public static Detector builtIn(String name) {
    return BUILT_IN.get(name);
  }

  public static List<Detector> all() {
    return NAMES.stream().map(BUILT_IN::get).toList();
  }

  private static boolean localChar(char c) {
    return PatternDetector.alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /** The start of a word of local-part characters that runs into an '@'. */
  static boolean emailStart(String text, int i) {
    if (!localChar(text.charAt(i)) || localChar(PatternDetector.before(text, i))) {
      return false;
    }
    int end = Math.min(text.length(), i + 65);
    for (int j = i; j < end; j++) {
      char c = text.charAt(j);
      if (c == '@') {
        return j > i;
      }
      if (!localChar(c)) {
        return false;
      }
    }
    return false;
  }

  /** The first digit of a run of digits. */
  static boolean digitRunStart(String text, int i) {
    return PatternDetector.digit(text.charAt(i))
        && !PatternDetector.digit(PatternDetector.before(text, i));
  }

  private static final String[] SECRET_PREFIXES = {
    "sk-",
    "sk_",
    "rk_",
    "AKIA",
    "ASIA",
    "AIza",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xox",
    "xai-",
    "hk-",
    "eyJ",
    "-----BEGIN "
  };

  /** The first place any secret prefix occurs (String.indexOf is vectorised), or -1. */
  static int firstSecretPrefix(String text) {
    int first = -1;
    for (String prefix : SECRET_PREFIXES) {
      int at = text.indexOf(prefix);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /** Where one of the secret formats' fixed prefixes begins. */
  static boolean secretStart(String text, int i) {
    char c = text.charAt(i);
    if (c != 's' && c != 'r' && c != 'A' && c != 'g' && c != 'x' && c != 'h' && c != 'e'
        && c != '-') {
      return false;
    }
    for (String prefix : SECRET_PREFIXES) {
      if (prefix.charAt(0) == c && text.startsWith(prefix, i)) {
        return true;
      }
    }
    return false;
  }

  static boolean phone(String candidate) {
    int digits = Checksums.digitsOnly(candidate).length();
    return candidate.startsWith("+") ? digits >= 8 && digits <= 15 : digits >= 9 && digits <= 12;
  }

  /** A JWT must have a header that decodes to JSON naming an algorithm; the rest is by shape. */
  static boolean secret(String candidate) {
    if (!candidate.startsWith("eyJ")) {
      return true;
    }
    String header = candidate.substring(0, candidate.indexOf('.'));
    try {
      String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
      return json.startsWith("{") && json.contains("\"alg\"");
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** Full (8 groups), compressed ({@code ::}) and IPv4-suffixed forms. */
  static boolean ipv6(String candidate) {
    String address = candidate;
    int extraGroups = 0;
    int lastColon = address.lastIndexOf(':');
    String tail = address.substring(lastColon + 1);
    if (tail.contains(".")) {
      if (!IPV4.matcher(tail).matches()) {
        return false;
      }
      address = address.substring(0, lastColon + 1) + "0";
      extraGroups = 1;
    }
    int doubleColon = address.indexOf("::");
    if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    Function<String, Integer> groups =
        part -> {
          if (part.isEmpty()) {
            return 0;
          }
          int count = 0;
          for (String group : part.split(":", -1)) {
            if (group.isEmpty() || group.length() > 4) {
              return -1;
            }
            count++;
          }
          return count;
        };
    if (doubleColon < 0) {
      int n = groups.apply(address);
      return n + extraGroups == 8;
    }
    int left = groups.apply(address.substring(0, doubleColon));
    int right = groups.apply(address.substring(doubleColon + 2));
    if (left < 0 || right < 0) {
      return false;
    }
    int total = left + right + extraGroups;
    return total >= 1 && total < 8;
  }
}
