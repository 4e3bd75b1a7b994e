import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auth stage as a running gateway measures it: sends {@code GET /v1/models} with
 * {@code x-hyperion-debug: 1} and reads {@code auth;dur=} from {@code Server-Timing} (the whole
 * identity filter: header parsing and key verification). Run with the JDK source launcher:
 * {@code java AuthStageTiming.java <base-url> <key> <calls> <warm-up calls>}.
 */
public final class AuthStageTiming {

  private static final Pattern AUTH = Pattern.compile("auth;dur=([0-9.]+)");

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String key = args[1];
    int calls = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/models"))
        .header("Authorization", "Bearer " + key).header("x-hyperion-debug", "1").GET().build();
    for (int i = 0; i < warmup; i++) {
      authMicros(http, request);
    }
    double[] samples = new double[calls];
    for (int i = 0; i < calls; i++) {
      samples[i] = authMicros(http, request);
    }
    Arrays.sort(samples);
    System.out.println();
    System.out.println("| auth stage in the server (Server-Timing auth;dur), warm | value |");
    System.out.println("| --- | --- |");
    System.out.printf(Locale.ROOT, "| calls (after %,d warm-up calls) | %,d |%n", warmup, calls);
    System.out.printf(Locale.ROOT, "| p50 | %.0f µs |%n", samples[(int) Math.ceil(0.50 * calls) - 1]);
    System.out.printf(Locale.ROOT, "| p99 | %.0f µs |%n", samples[(int) Math.ceil(0.99 * calls) - 1]);
    System.out.printf(Locale.ROOT, "| max | %.0f µs |%n", samples[calls - 1]);
    System.out.println("| resolution | 1 µs (Server-Timing has 3 decimals of ms) |");
  }

  private static double authMicros(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /v1/models answered " + response.statusCode());
    }
    String timing = response.headers().firstValue("Server-Timing").orElseThrow(
        () -> new IllegalStateException("no Server-Timing header: is x-hyperion-debug supported?"));
    Matcher matcher = AUTH.matcher(timing);
    if (!matcher.find()) {
      throw new IllegalStateException("no auth stage in Server-Timing: " + timing);
    }
    return Double.parseDouble(matcher.group(1)) * 1000.0;
  }
}
