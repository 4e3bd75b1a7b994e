package bench.ceiling;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The platform's ceiling for a proxy: a JAX-RS resource on the same server that forwards the body
 * to the bench upstream with the JDK client (asynchronously, HTTP/1.1, a pool of two threads as in
 * the gateway) and answers what it got, with no pipeline at all. The gateway cannot beat this row
 * while it calls its upstreams with the JDK client on this platform.
 */
@Path("/proxy/v1/chat/completions")
public class CeilingProxyResource {

  private static final URI UPSTREAM =
      URI.create(
          System.getenv()
              .getOrDefault("BENCH_UPSTREAM_URL", "http://127.0.0.1:18081/v1/chat/completions"));

  private static final ExecutorService CALLBACKS = Executors.newFixedThreadPool(2);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(CALLBACKS).build();

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<byte[]> chat(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(UPSTREAM)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(HttpResponse::body);
  }
}
