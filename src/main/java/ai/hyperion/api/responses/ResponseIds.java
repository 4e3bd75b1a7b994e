package ai.hyperion.api.responses;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers in OpenAI's style: a type prefix and random hex ({@code resp_...}, {@code msg_...}).
 */
final class ResponseIds {

  private ResponseIds() {}

  static String response() {
    return next("resp_", 24);
  }

  static String message() {
    return next("msg_", 16);
  }

  static String functionCall() {
    return next("fc_", 16);
  }

  static String functionCallOutput() {
    return next("fco_", 16);
  }

  private static String next(String prefix, int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return prefix + HexFormat.of().formatHex(random);
  }
}
