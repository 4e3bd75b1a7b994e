package ai.hyperion.it;

import ai.hyperion.testing.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the in-server tests: Arquillian deploys the built WAR to a managed Liberty (server {@code
 * hyperion-it}, configured by {@code src/test/arquillian/arquillian.xml} with {@code
 * src/test/resources/gateway-it.yaml}); tests call it over real HTTP, and it calls the fake
 * upstream on 127.0.0.1. After each class the server's log files are scanned for secrets ({@link
 * NoSecretsInServerLogs}).
 */
@ExtendWith(ArquillianExtension.class)
@ExtendWith(NoSecretsInServerLogs.class)
public abstract class GatewayIT {

  protected static final String KEY = "hk-it-bootstrap-key-0123456789";
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  protected final FakeProviders upstream = FakeProviders.shared();

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
  }

  protected static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port") + path);
  }

  protected static String baseUrl() {
    return "http://127.0.0.1:" + Integer.getInteger("it.http.port");
  }

  protected static HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  protected static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** A minimal chat request whose user message is {@code text}. */
  protected static String chat(String model, String text) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + JSON.valueToTree(text)
        + "}]}";
  }
}
