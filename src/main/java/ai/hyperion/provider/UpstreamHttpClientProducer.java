package ai.hyperion.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;

/** The one non-blocking HTTP client every provider adapter shares (its connection pool too). */
@ApplicationScoped
public class UpstreamHttpClientProducer {

  @Produces
  @Singleton
  HttpClient upstreamHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        // Completions run on the client's selector thread instead of hopping to a pool: the
        // callbacks only parse JSON and hand the answer to the container (streams hop to the
        // managed executor before writing), and the saved hand-off is most of the added latency.
        .executor(Runnable::run)
        .build();
  }
}
