import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the labelled prompts (cycling) to a running gateway with {@code x-hyperion-debug: 1} and
 * prints the routing stage's time from {@code Server-Timing} ({@code route;dur=}, which includes
 * intent classification, planning and the prefix fingerprint) as p50/p90/p99, after a warm-up.
 * JDK only. Arguments: base URL, key, model, warm-up requests, measured requests, prompts.jsonl.
 */
public final class RouteTiming {

  private static final Pattern ROUTE = Pattern.compile("route;dur=([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("total;dur=([0-9.]+)");

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String key = args[1];
    String model = args[2];
    int warmup = Integer.parseInt(args[3]);
    int measured = Integer.parseInt(args[4]);
    List<String> bodies = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[5]))) {
      String messages = messagesOf(line);
      if (messages != null) {
        bodies.add("{\"model\":\"" + model + "\",\"messages\":" + messages + "}");
      }
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Double> route = new ArrayList<>();
    List<Double> total = new ArrayList<>();
    Map<String, Integer> intents = new TreeMap<>();
    for (int i = 0; i < warmup + measured; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                  .header("Authorization", "Bearer " + key)
                  .header("Content-Type", "application/json")
                  .header("x-hyperion-debug", "1")
                  .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(response.statusCode() + " " + response.body());
      }
      if (i < warmup) {
        continue;
      }
      String timing = response.headers().firstValue("Server-Timing").orElse("");
      Matcher r = ROUTE.matcher(timing);
      Matcher t = TOTAL.matcher(timing);
      if (!r.find() || !t.find()) {
        throw new IllegalStateException("no route/total in Server-Timing: " + timing);
      }
      route.add(Double.parseDouble(r.group(1)));
      total.add(Double.parseDouble(t.group(1)));
      intents.merge(response.headers().firstValue("x-hyperion-intent").orElse("?"), 1, Integer::sum);
    }
    System.out.printf(
        Locale.ROOT,
        "%d requests (after %d warm-up), %d distinct prompts, one at a time%n%n",
        measured,
        warmup,
        bodies.size());
    System.out.println("| Server-Timing | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    row("route (intent + plan)", route);
    row("total (gateway + fake upstream)", total);
    System.out.println();
    System.out.println("x-hyperion-intent seen: " + intents);
  }

  /** The JSON array after {@code "messages":}, found by balancing brackets outside strings. */
  static String messagesOf(String line) {
    int start = line.indexOf('[', line.indexOf("\"messages\":"));
    int depth = 0;
    boolean inString = false;
    for (int i = start; i >= 0 && i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return line.substring(start, i + 1);
      }
    }
    return null;
  }

  private static void row(String name, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3f | %.3f | %.3f | %.3f |%n",
        name,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
