package ai.hyperion.provider;

import ai.hyperion.error.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;

/**
 * Non-blocking HTTP to one upstream, shared by all adapters: sends JSON, maps transport failures to
 * retryable {@link ProviderException}s, and hands non-2xx bodies to the adapter's error reader.
 */
public final class UpstreamClient {

  /** Reads a provider's error body into a gateway error: (status, body) → exception. */
  @FunctionalInterface
  public interface ErrorReader extends BiFunction<Integer, byte[], ProviderException> {}

  private final String provider;
  private final HttpClient http;
  private final Duration timeout;

  public UpstreamClient(String provider, HttpClient http, Duration timeout) {
    this.provider = provider;
    this.http = http;
    this.timeout = timeout;
  }

  public String provider() {
    return provider;
  }

  /**
   * POSTs a JSON body and completes with the 2xx body; any other status fails via {@code errors}.
   */
  public CompletionStage<byte[]> postJson(
      URI uri, Map<String, String> headers, byte[] body, ErrorReader errors) {
    return http.sendAsync(request(uri, headers, body), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw transportFailure(failure);
              }
              if (response.statusCode() / 100 != 2) {
                throw errors
                    .apply(response.statusCode(), response.body())
                    .retryAfter(retryAfter(response));
              }
              return response.body();
            });
  }

  /**
   * POSTs a JSON body and completes, once the upstream answered 2xx with its headers, with the
   * still-streaming body. A non-2xx answer is read whole and fails via {@code errors}.
   */
  public CompletionStage<Flow.Publisher<List<ByteBuffer>>> openStream(
      URI uri, Map<String, String> headers, byte[] body, ErrorReader errors) {
    return http.sendAsync(request(uri, headers, body), HttpResponse.BodyHandlers.ofPublisher())
        .exceptionally(
            failure -> {
              throw transportFailure(failure);
            })
        .thenCompose(
            response -> {
              if (response.statusCode() / 100 == 2) {
                return CompletableFuture.completedFuture(response.body());
              }
              return collect(response.body())
                  .thenApply(
                      bytes -> {
                        throw errors
                            .apply(response.statusCode(), bytes)
                            .retryAfter(retryAfter(response));
                      });
            });
  }

  /** GETs a JSON document (model lists, token endpoints). */
  public CompletionStage<byte[]> get(URI uri, Map<String, String> headers, ErrorReader errors) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    headers.forEach(builder::header);
    return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw transportFailure(failure);
              }
              if (response.statusCode() / 100 != 2) {
                throw errors
                    .apply(response.statusCode(), response.body())
                    .retryAfter(retryAfter(response));
              }
              return response.body();
            });
  }

  /**
   * The upstream's wait hint in whole seconds: {@code retry-after} (seconds; an HTTP date counts as
   * absent) or OpenAI's {@code retry-after-ms}, rounded up. Null when absent or unreadable.
   */
  static Integer retryAfter(HttpResponse<?> response) {
    var headers = response.headers();
    try {
      var millis = headers.firstValue("retry-after-ms");
      if (millis.isPresent()) {
        return (int) Math.max(1, Math.ceil(Double.parseDouble(millis.get().trim()) / 1000.0));
      }
      var seconds = headers.firstValue("retry-after");
      if (seconds.isPresent()) {
        return Math.max(1, (int) Math.ceil(Double.parseDouble(seconds.get().trim())));
      }
    } catch (NumberFormatException dateOrGarbage) {
      return null;
    }
    return null;
  }

  private HttpRequest request(URI uri, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if ("http".equals(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    headers.forEach(builder::header);
    return builder.build();
  }

  private RuntimeException transportFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ProviderException p) {
      return p;
    }
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
      return ProviderException.unreachable(provider, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return ProviderException.timeout(provider);
    }
    if (cause instanceof IOException) {
      return ProviderException.unreachable(provider, cause);
    }
    // Not a transport failure: a bug of ours (e.g. in a request body publisher), kept as it is so
    // it is logged and counted as one instead of being blamed on the upstream.
    return cause instanceof RuntimeException bug ? bug : new IllegalStateException(cause);
  }

  private static CompletionStage<byte[]> collect(Flow.Publisher<List<ByteBuffer>> body) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    body.subscribe(
        new Flow.Subscriber<>() {
          private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
              byte[] chunk = new byte[buffer.remaining()];
              buffer.get(chunk);
              bytes.writeBytes(chunk);
            }
          }

          @Override
          public void onError(Throwable throwable) {
            result.complete(bytes.toByteArray());
          }

          @Override
          public void onComplete() {
            result.complete(bytes.toByteArray());
          }
        });
    return result;
  }
}
