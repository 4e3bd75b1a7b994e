package ai.hyperion.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.http.HttpClient;
import java.time.Duration;

/** The one non-blocking HTTP client every provider adapter shares (its connection pool too). */
@ApplicationScoped
public class UpstreamHttpClientProducer {

  @Produces
  @jakarta.inject.Singleton
  HttpClient upstreamHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
