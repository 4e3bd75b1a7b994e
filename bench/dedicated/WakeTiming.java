import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wake-up latency of a dedicated endpoint through a running gateway's data path: provisions an
 * endpoint (idle time 1 s), then, each cycle, waits until it sleeps and its server process is gone,
 * sends a chat request to {@code /api/d/<id>/chat/completions} and times the request from being sent
 * to the first byte of the answer's body (and to its end), alternating non-streamed and streamed.
 * The same, warm, while the endpoint is up, for comparison. Prints a markdown table; deletes the
 * endpoint at the end. Run with the JDK source launcher: {@code java WakeTiming.java <base-url>
 * <key> <cycles>}.
 */
public final class WakeTiming {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(endpt-[a-z0-9]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");
  private static final Pattern PORT = Pattern.compile("running on http://127.0.0.1:(\\d+)");

  private static HttpClient http;
  private static String base;
  private static String key;

  private record Timing(boolean stream, double firstByteMs, double totalMs) {}

  public static void main(String[] args) throws Exception {
    base = args[0];
    key = args[1];
    int cycles = Integer.parseInt(args[2]);
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String created =
        send(
            "POST",
            "/api/provision",
            "{\"model\":\"bench/tiny-0.5b\",\"contextLength\":2048,\"maxConcurrency\":1,"
                + "\"scaling\":{\"minReplicas\":0,\"maxReplicas\":1,\"idleSeconds\":1}}");
    Matcher id = ID.matcher(created);
    if (!id.find()) {
      throw new IllegalStateException("provisioning answered " + created);
    }
    String endpoint = id.group(1);
    try {
      await(endpoint, "up");
      List<Timing> warm = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Timing t = chat(endpoint, i % 2 == 1);
        if (i >= 20) {
          warm.add(t);
        }
      }
      List<Timing> woken = new ArrayList<>();
      for (int i = 0; i < cycles; i++) {
        int port = serverPort(endpoint);
        await(endpoint, "sleeping");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (answers(port) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(200);
        Timing t = chat(endpoint, i % 2 == 1);
        woken.add(t);
        System.err.printf(
            Locale.ROOT,
            "cycle %d (%s): first byte %.0f ms, answer %.0f ms%n",
            i + 1,
            t.stream() ? "stream" : "json",
            t.firstByteMs(),
            t.totalMs());
      }
      print(endpoint, woken, warm);
    } finally {
      send("DELETE", "/api/endpoints/" + endpoint, null);
    }
  }

  private static void print(String endpoint, List<Timing> woken, List<Timing> warm) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "| %s on the local platform, chat through /api/d/... | n | first byte p50 | max | whole"
            + " answer p50 |%n",
        endpoint);
    System.out.println("| --- | --- | --- | --- | --- |");
    row("asleep (woken by the request), JSON", woken, false);
    row("asleep (woken by the request), stream", woken, true);
    row("up (warm), JSON", warm, false);
    row("up (warm), stream", warm, true);
  }

  private static void row(String label, List<Timing> timings, boolean stream) {
    double[] first =
        timings.stream()
            .filter(t -> t.stream() == stream)
            .mapToDouble(Timing::firstByteMs)
            .sorted()
            .toArray();
    double[] total =
        timings.stream()
            .filter(t -> t.stream() == stream)
            .mapToDouble(Timing::totalMs)
            .sorted()
            .toArray();
    if (first.length == 0) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n",
        label,
        first.length,
        first[(first.length - 1) / 2],
        first[first.length - 1],
        total[(total.length - 1) / 2]);
  }

  /** Sends a chat and times it until the first byte of the body and until its end. */
  private static Timing chat(String endpoint, boolean stream) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/d/" + endpoint + "/chat/completions"))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"stream\":"
                        + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
            .build();
    long start = System.nanoTime();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      int first = body.read();
      long firstByte = System.nanoTime();
      byte[] rest = body.readAllBytes();
      long end = System.nanoTime();
      if (response.statusCode() != 200 || first < 0) {
        throw new IllegalStateException(
            "the gateway answered " + response.statusCode() + ": " + (char) first + new String(rest));
      }
      return new Timing(stream, (firstByte - start) / 1e6, (end - start) / 1e6);
    }
  }

  private static int serverPort(String endpoint) throws Exception {
    Matcher m = PORT.matcher(send("GET", "/api/endpoints/" + endpoint + "/logs?lines=200", null));
    int port = -1;
    while (m.find()) {
      port = Integer.parseInt(m.group(1));
    }
    return port;
  }

  private static boolean answers(int port) {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(2))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void await(String endpoint, String status) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher m = STATUS.matcher(send("GET", "/api/endpoints/" + endpoint, null));
      if (m.find() && m.group(1).equals(status)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(endpoint + " did not become " + status);
  }

  private static String send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
