import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy stage as a running gateway measures it: posts chat completions with {@code
 * x-hyperion-debug: 1} from {@code threads} concurrent callers and reads {@code policy;dur=} from
 * {@code Server-Timing} (the whole stage: token estimate, reservation at every level, its answer).
 * Prints one line: {@code POLICY_TIMING calls=.. p50_us=.. p99_us=.. max_us=..}. Run with the JDK
 * source launcher: {@code java PolicyStageTiming.java <base-url> <key> <calls> <threads>}.
 */
public final class PolicyStageTiming {

  private static final Pattern POLICY = Pattern.compile("policy;dur=([0-9.]+)");
  private static final String BODY =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String key = args[1];
    int calls = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .header("x-hyperion-debug", "1")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();
    double[] samples = new double[calls];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Future<?>[] done = new Future<?>[threads];
    for (int t = 0; t < threads; t++) {
      done[t] =
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < calls) {
                  samples[i] = policyMicros(http, request);
                }
                return null;
              });
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    Arrays.sort(samples);
    System.out.printf(
        Locale.ROOT,
        "POLICY_TIMING calls=%d threads=%d p50_us=%.0f p99_us=%.0f max_us=%.0f%n",
        calls,
        threads,
        samples[(int) Math.ceil(0.50 * calls) - 1],
        samples[(int) Math.ceil(0.99 * calls) - 1],
        samples[calls - 1]);
  }

  private static double policyMicros(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the chat request answered " + response.statusCode());
    }
    String timing =
        response
            .headers()
            .firstValue("Server-Timing")
            .orElseThrow(() -> new IllegalStateException("no Server-Timing header"));
    Matcher matcher = POLICY.matcher(timing);
    if (!matcher.find()) {
      throw new IllegalStateException("no policy stage in Server-Timing: " + timing);
    }
    return Double.parseDouble(matcher.group(1)) * 1000.0;
  }
}
