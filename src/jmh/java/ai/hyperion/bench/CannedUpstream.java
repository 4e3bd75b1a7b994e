package ai.hyperion.bench;

import ai.hyperion.provider.UpstreamHttpClientProducer;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An upstream without a network: every request is answered 200 with the same JSON body, delivered
 * through the caller's own {@link HttpResponse.BodyHandler} (the JDK's publisher handler in the
 * gateway), on the calling thread. What the gateway does around the call (request building, the
 * bounded body reader, the timers it arms) is measured; the socket and the JDK's selector are not.
 */
final class CannedUpstream extends HttpClient {

  private static final HttpHeaders JSON =
      HttpHeaders.of(Map.of("content-type", List.of("application/json")), (name, value) -> true);

  private final byte[] body;

  CannedUpstream(byte[] body) {
    this.body = body.clone();
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    Answer<T> answer = new Answer<>(request, null);
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(answer);
    subscriber.onSubscribe(new OneBuffer(subscriber, ByteBuffer.wrap(body)));
    return subscriber
        .getBody()
        .toCompletableFuture()
        .thenApply(value -> new Answer<>(request, value));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushes) {
    return sendAsync(request, handler);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    return sendAsync(request, handler).join();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    // The providers' default: with any other value the adapters would build a real client.
    return Optional.of(UpstreamHttpClientProducer.DEFAULT_CONNECT_TIMEOUT);
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return null;
  }

  @Override
  public SSLParameters sslParameters() {
    return null;
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }

  /** Hands the body over as one buffer on the first request for data. */
  private static final class OneBuffer implements Flow.Subscription {
    private final Flow.Subscriber<List<ByteBuffer>> subscriber;
    private final ByteBuffer buffer;
    private boolean done;

    OneBuffer(Flow.Subscriber<List<ByteBuffer>> subscriber, ByteBuffer buffer) {
      this.subscriber = subscriber;
      this.buffer = buffer;
    }

    @Override
    public void request(long n) {
      if (done || n <= 0) {
        return;
      }
      done = true;
      subscriber.onNext(List.of(buffer));
      subscriber.onComplete();
    }

    @Override
    public void cancel() {
      done = true;
    }
  }

  /** The 200 answer (and its response info for the body handler). */
  private record Answer<T>(HttpRequest request, T body)
      implements HttpResponse<T>, HttpResponse.ResponseInfo {

    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return JSON;
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }
}
