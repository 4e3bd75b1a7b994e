import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The semantic tier through a running gateway's HTTP path, one request at a time (bench/cache.sh
 * runs it): stores the first prompt of every "hit" pair of the labelled set, then asks each second
 * prompt (a paraphrase: an exact miss, so the lookup embeds it and searches the index) with {@code
 * x-hyperion-debug: 1}, and reports the cache stage's own duration from {@code Server-Timing}
 * (exact lookup + embedding + HNSW search + post-match check + answer read) and the round trip, at
 * p50/p99, with the hit count. Before that, exact misses with the semantic tier off for the request
 * and the first asks of the stored prompts (exact and semantic miss, upstream call, write-back);
 * after it, warm exact hits, for comparison.
 *
 * <p>Usage: {@code java L2Probe.java <base-url> <key> <semantic-pairs.tsv>}
 */
public class L2Probe {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern CACHE_DUR = Pattern.compile("(?:^|, )cache;dur=([0-9.]+)");

  record Probe(String status, String detail, double cacheMillis, double roundTripMillis) {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String key = args[1];
    List<String[]> pairs = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      if (line.startsWith("#") || line.startsWith("label\t") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length == 4 && f[0].equals("hit")) {
        pairs.add(f);
      }
    }
    // Distinct first prompts only: two pairs may share one.
    List<String> stored = new ArrayList<>();
    for (String[] pair : pairs) {
      if (!stored.contains(pair[2])) {
        stored.add(pair[2]);
      }
    }
    // Exact misses with the semantic tier off for the request: the exact lookup alone.
    String run = Long.toHexString(System.nanoTime());
    List<Double> l1MissCache = new ArrayList<>();
    List<Double> l1MissTrip = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      Probe p = ask(base, key, "Say hello " + run + "-" + i, false);
      if (p.status().equals("miss")) {
        l1MissCache.add(p.cacheMillis());
        l1MissTrip.add(p.roundTripMillis());
      }
    }
    // First asks with the semantic tier on: exact miss, embedding, search, upstream, write-back.
    List<Double> l2MissCache = new ArrayList<>();
    List<Double> l2MissTrip = new ArrayList<>();
    for (String prompt : stored) {
      Probe p = ask(base, key, prompt, true);
      if (!p.status().equals("miss") && !p.status().equals("hit")) {
        throw new IllegalStateException("storing '" + prompt + "': " + p);
      }
      if (p.status().equals("miss")) {
        l2MissCache.add(p.cacheMillis());
        l2MissTrip.add(p.roundTripMillis());
      }
    }
    // Write-backs are asynchronous: give the last ones a moment before asking.
    Thread.sleep(2000);
    List<Double> l2Cache = new ArrayList<>();
    List<Double> l2Trip = new ArrayList<>();
    int hits = 0;
    for (String[] pair : pairs) {
      Probe p = ask(base, key, pair[3], true);
      l2Cache.add(p.cacheMillis());
      l2Trip.add(p.roundTripMillis());
      if (p.status().equals("hit") && p.detail().startsWith("tier=l2")) {
        hits++;
      }
    }
    List<Double> l1Cache = new ArrayList<>();
    List<Double> l1Trip = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (String prompt : stored) {
        Probe p = ask(base, key, prompt, true);
        if (p.status().equals("hit") && p.detail().startsWith("tier=l1")) {
          l1Cache.add(p.cacheMillis());
          l1Trip.add(p.roundTripMillis());
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "stored %d prompts; asked %d paraphrases: %d semantic hits (the rest are L2 misses,"
            + " which embed and search all the same)%n%n",
        stored.size(),
        pairs.size(),
        hits);
    System.out.println("| lookup (sequential, c=1) | n | p50 (ms) | p99 (ms) |");
    System.out.println("|---|---:|---:|---:|");
    row("L1 miss (semantic off): cache stage (Server-Timing)", l1MissCache);
    row("L1 miss (semantic off): whole request round trip", l1MissTrip);
    row("L1+L2 miss, new prompt: cache stage (Server-Timing), incl. embedding", l2MissCache);
    row("L1+L2 miss, new prompt: whole request round trip", l2MissTrip);
    row("L2 lookup: cache stage (Server-Timing), incl. embedding", l2Cache);
    row("L2 lookup: whole request round trip", l2Trip);
    row("L1 hit: cache stage (Server-Timing)", l1Cache);
    row("L1 hit: whole request round trip", l1Trip);
  }

  private static void row(String what, List<Double> values) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f |%n",
        what,
        values.size(),
        percentile(values, 50),
        percentile(values, 99));
  }

  private static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static Probe ask(String base, String key, String prompt, boolean semantic)
      throws Exception {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
            + json(prompt)
            + "}]"
            + (semantic ? "" : ",\"hyperion\":{\"cache\":{\"semantic\":false}}")
            + "}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .header("x-hyperion-debug", "1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    double trip = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    String timing = response.headers().firstValue("Server-Timing").orElse("");
    Matcher m = CACHE_DUR.matcher(timing);
    double cache = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    return new Probe(
        response.headers().firstValue("x-hyperion-cache").orElse("absent"),
        response.headers().firstValue("x-hyperion-cache-detail").orElse(""),
        cache,
        trip);
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
