package ai.hyperion.routing.resilience;

import ai.hyperion.provider.ForwardingHttpClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The shared HTTP client as one upstream's adapter uses it: every response's headers (the
 * upstream's {@code x-ratelimit-remaining-*}, {@code anthropic-ratelimit-*}) are reported to the
 * upstream's key pool for the key the request carried, so keys are weighted by their headroom
 * without the adapters knowing about pools. Everything else is delegated.
 */
public final class ObservedHttpClient extends ForwardingHttpClient {

  private final HttpClient delegate;
  private final UpstreamKeyPool pool;

  public ObservedHttpClient(HttpClient delegate, UpstreamKeyPool pool) {
    this.delegate = delegate;
    this.pool = pool;
  }

  @Override
  protected HttpClient configured() {
    return delegate;
  }

  private void observe(HttpRequest request, HttpHeaders headers) {
    pool.observeResponse(request.headers(), request.uri(), headers::firstValue);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = delegate.send(request, handler);
    observe(request, response.headers());
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return delegate.sendAsync(
        request,
        info -> {
          observe(request, info.headers());
          return handler.apply(info);
        },
        push);
  }
}
