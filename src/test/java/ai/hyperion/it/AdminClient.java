package ai.hyperion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a gateway's admin API and data plane with a given key, for the in-server tests. */
final class AdminClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;

  AdminClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A response with its body parsed (null when empty). */
  record Answer(int status, JsonNode body, String raw) {
    JsonNode path(String pointer) {
      return body.at(pointer);
    }

    String text(String pointer) {
      return body.at(pointer).asText();
    }
  }

  Answer call(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String raw = response.body();
    return new Answer(
        response.statusCode(),
        raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw),
        raw);
  }

  Answer get(String path, String key) throws IOException, InterruptedException {
    return call("GET", path, key, null);
  }

  Answer post(String path, String key, String body) throws IOException, InterruptedException {
    return call("POST", path, key, body);
  }

  Answer patch(String path, String key, String body) throws IOException, InterruptedException {
    return call("PATCH", path, key, body);
  }

  Answer delete(String path, String key) throws IOException, InterruptedException {
    return call("DELETE", path, key, null);
  }

  /** Any data-plane call that only needs a valid key. */
  Answer models(String key) throws IOException, InterruptedException {
    return get("/v1/models", key);
  }

  static String obj(Object... keysAndValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
    }
    return node.toString();
  }
}
