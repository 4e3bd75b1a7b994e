package ai.hyperion.audit.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each detector on samples it must find (alone, in a sentence) and look-alikes it must not. */
class DetectorsTest {

  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
          + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  private static final String PRIVATE_KEY =
      "-----BEGIN RSA PRIVATE KEY-----\n"
          + "MIIEowIBAAKCAQEA7x1b\n"
          + "q2w9Zk==\n"
          + "-----END RSA PRIVATE KEY-----";

  private static void assertFound(String detector, String sample) {
    String text = "Please note: " + sample + " (thanks)";
    List<Finding> found = PiiScanner.builtIns().scan(text);
    assertEquals(1, found.size(), () -> sample + " → " + found);
    assertEquals(detector, found.get(0).detector(), () -> sample + " → " + found);
    assertEquals(sample, found.get(0).value());
  }

  private static void assertNotFound(String detector, String sample) {
    List<Finding> found = new ArrayList<>();
    Detectors.builtIn(detector).find("Please note: " + sample + " (thanks)", found);
    assertEquals(List.of(), found, () -> detector + " should not match " + sample);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "email|jane.doe+test@example.co.uk",
        "email|a@b.io",
        "phone|+1 (212) 555-0199",
        "phone|+44 20 7946 0958",
        "phone|+4915112345678",
        "phone|(212) 555-0199",
        "phone|212-555-0199",
        "phone|030 1234 5678",
        "card|4111 1111 1111 1111",
        "card|4111-1111-1111-1111",
        "card|5500005555555559",
        "card|378282246310005",
        "card|6011111111111117",
        "iban|DE89 3704 0044 0532 0130 00",
        "iban|GB82WEST12345698765432",
        "iban|FR1420041010050500013M02606",
        "iban|NL91ABNA0417164300",
        "ssn|123-45-6789",
        "ssn|078 05 1120",
        "ip_address|10.0.0.1",
        "ip_address|192.168.1.254",
        "ip_address|2001:db8::8a2e:370:7334",
        "ip_address|2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "ip_address|::1",
        "ip_address|fe80::1",
        "ip_address|::ffff:192.0.2.1",
        "secret|sk-proj-abcdEFGH1234ijklMNOP5678qrst",
        "secret|sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345",
        "secret|AKIAIOSFODNN7EXAMPLE",
        "secret|AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "secret|ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "secret|xoxb-123456789012-abcdefghij",
        "secret|sk_live_abcdefghijklmnop1234",
        "secret|hk-Ab12Cd34_abcdefghijklmnopqrstuvwxyz012345",
      })
  void findsPositiveSamples(String detector, String sample) {
    assertFound(detector, sample);
  }

  @Test
  void findsJwtsAndPrivateKeyBlocks() {
    assertFound(Detectors.SECRET, JWT);
    assertFound(Detectors.SECRET, PRIVATE_KEY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "email|not an @ sign",
        "email|user@localhost",
        "email|@handle",
        "phone|version 1.2.3",
        "phone|on 2024-01-15",
        "phone|order 123456789",
        "phone|+123",
        "phone|call 555-0199",
        "card|4111 1111 1111 1112",
        "card|1234567812345670",
        "card|0000 0000 0000 0000",
        "card|4444444444444444",
        "card|order 12345",
        "iban|DE89 3704 0044 0532 0130 01",
        "iban|GB82WEST12345698765431",
        "iban|DE89370400440532013",
        "iban|XX00 1234",
        "ssn|000-12-3456",
        "ssn|666-12-3456",
        "ssn|900-12-3456",
        "ssn|123-00-6789",
        "ssn|123-45-0000",
        "ssn|123456789",
        "ssn|123-45 6789",
        "ip_address|256.1.1.1",
        "ip_address|1.2.3",
        "ip_address|at 12:30:45",
        "ip_address|00:1A:2B:3C:4D:5E",
        "ip_address|std::cout",
        "ip_address|1:2:3:4:5:6:7:8:9",
        "secret|sk-short",
        "secret|task-force-abcdefghijklmnopqrstuvwxyz",
        "secret|AKIA1234",
        "secret|eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop",
        "secret|-----BEGIN PUBLIC KEY-----",
      })
  void ignoresLookAlikes(String detector, String sample) {
    assertNotFound(detector, sample);
  }

  @Test
  void theLuhnAndMod97ChecksDecide() {
    assertTrue(Checksums.luhn("4111111111111111"));
    assertTrue(!Checksums.luhn("4111111111111112"));
    assertTrue(Checksums.iban("DE89370400440532013000"));
    assertTrue(!Checksums.iban("DE89370400440532013001"));
    assertTrue(!Checksums.iban("DE8937040044053201300"), "a German IBAN has 22 characters");
  }

  @Test
  void anIbanFollowedByAWordIsStillFound() {
    List<Finding> found = PiiScanner.builtIns().scan("IBAN DE89 3704 0044 0532 0130 00 AB please");
    assertEquals(1, found.size(), found::toString);
    assertEquals("DE89 3704 0044 0532 0130 00", found.get(0).value());
  }

  @Test
  void overlappingFindingsKeepTheEarlierLongerOne() {
    List<Finding> found =
        PiiScanner.builtIns()
            .scan("write to jane@example.com or +1 212-555-0199, card 4111111111111111");
    assertEquals(
        List.of(Detectors.EMAIL, Detectors.PHONE, Detectors.CARD),
        found.stream().map(Finding::detector).toList());
  }

  @Test
  void customPatternsAreCheckedAndBounded() {
    CustomPattern employee = CustomPattern.of("employee_id", "EMP-\\d{6}");
    List<Finding> found = new ArrayList<>();
    employee.find("ticket for EMP-004211 and EMP-12", found);
    assertEquals(1, found.size());
    assertEquals("custom_employee_id", found.get(0).detector());
    assertEquals("EMP-004211", found.get(0).value());

    assertThrows(IllegalArgumentException.class, () -> CustomPattern.of("Bad Name", "x"));
    assertThrows(IllegalArgumentException.class, () -> CustomPattern.of("broken", "(unclosed"));
    assertThrows(IllegalArgumentException.class, () -> CustomPattern.of("empty", "a*"));

    CustomPattern catastrophic = CustomPattern.of("evil", "(a+)+b");
    List<Finding> none = new ArrayList<>();
    long start = System.nanoTime();
    catastrophic.find("a".repeat(40) + "c", none);
    assertTrue(none.isEmpty());
    assertTrue(
        System.nanoTime() - start < 5_000_000_000L,
        "a backtracking pattern gives up instead of running for ages");
  }
}
