package ai.hyperion.provider;

import ai.hyperion.error.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Non-blocking HTTP to one upstream, shared by all adapters: sends JSON, maps transport failures to
 * retryable {@link ProviderException}s, and hands non-2xx bodies to the adapter's error reader.
 */
public final class UpstreamClient {

  /** Reads a provider's error body into a gateway error: (status, body) → exception. */
  @FunctionalInterface
  public interface ErrorReader extends BiFunction<Integer, byte[], ProviderException> {}

  private static final Logger LOG = Logger.getLogger(UpstreamClient.class.getName());

  private final String provider;
  private final HttpClient http;
  private final UpstreamTimeouts timeouts;
  private final Executor callbacks;

  public UpstreamClient(String provider, HttpClient http, Duration timeout) {
    this(provider, http, UpstreamTimeouts.of(timeout));
  }

  public UpstreamClient(String provider, HttpClient http, UpstreamTimeouts timeouts) {
    this.provider = provider;
    this.http = http;
    this.timeouts = timeouts;
    this.callbacks = offSelector(http.executor().orElse(Runnable::run));
  }

  /**
   * Where what follows an answer runs (parsing, fallback, metering, resuming the response): on the
   * thread that completed it, which is a pool thread unless the body's last read was signalled on
   * the client's selector thread; only then is it handed to {@code pool}, since one slow callback
   * there would stall every upstream's I/O. A hand-off from a pool thread to another pool thread
   * would only add a context switch to every call.
   */
  static Executor offSelector(Executor pool) {
    return task -> {
      if (isSelectorThread(Thread.currentThread())) {
        pool.execute(task);
      } else {
        task.run();
      }
    };
  }

  /** The JDK client's I/O thread: {@code jdk.internal.net.http.HttpClientImpl$SelectorManager}. */
  static boolean isSelectorThread(Thread thread) {
    return thread.getClass().getName().endsWith("$SelectorManager");
  }

  public String provider() {
    return provider;
  }

  /**
   * POSTs a JSON body and completes with the 2xx body; any other status fails via {@code errors}.
   * Headers, reads and the whole answer are each bounded in time, the answer in size.
   */
  public CompletionStage<byte[]> postJson(
      URI uri, Map<String, String> headers, byte[] body, ErrorReader errors) {
    return whole(request(uri, headers, body), errors);
  }

  /**
   * POSTs a JSON body and completes, once the upstream answered 2xx with its headers, with the
   * still-streaming body, which fails with a 504 when it goes quiet for the idle timeout or runs
   * past the stream's total. A non-2xx answer is read (capped, timed) and fails via {@code errors}.
   */
  public CompletionStage<Flow.Publisher<List<ByteBuffer>>> openStream(
      URI uri, Map<String, String> headers, byte[] body, ErrorReader errors) {
    long start = System.nanoTime();
    return accepted(request(uri, headers, body), start, errors)
        .thenApply(
            stream ->
                BoundedBody.guard(
                    provider, stream, timeouts.idle(), start + timeouts.streamTotal().toNanos()));
  }

  /**
   * Sends {@code request} and completes with its body once the upstream answered 2xx; fails with a
   * transport failure, or via {@code errors} with a non-2xx answer's (capped, timed) body.
   *
   * <p>A 2xx body is handed on as soon as the JDK client subscribed to it, on that thread (off the
   * selector), instead of after the client's response future: the client completes that one on the
   * common fork-join pool, a thread hand-off more for every answer.
   */
  private CompletableFuture<Flow.Publisher<List<ByteBuffer>>> accepted(
      HttpRequest request, long start, ErrorReader errors) {
    CompletableFuture<Flow.Publisher<List<ByteBuffer>>> accepted = new CompletableFuture<>();
    HttpResponse.BodyHandler<Flow.Publisher<List<ByteBuffer>>> early =
        info -> {
          HttpResponse.BodySubscriber<Flow.Publisher<List<ByteBuffer>>> body =
              HttpResponse.BodySubscribers.ofPublisher();
          if (info.statusCode() / 100 == 2) {
            body.getBody()
                .thenAcceptAsync(accepted::complete, callbacks)
                .exceptionally(
                    bug -> {
                      accepted.completeExceptionally(unwrap(bug));
                      return null;
                    });
          }
          return body;
        };
    http.sendAsync(request, early)
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                accepted.completeExceptionally(transportFailure(failure));
              } else if (response.statusCode() / 100 != 2) {
                failed(response, start, errors)
                    .whenComplete((never, error) -> accepted.completeExceptionally(unwrap(error)));
              }
            });
    return accepted;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException c && c.getCause() != null
        ? c.getCause()
        : failure;
  }

  /** GETs a JSON document (model lists, token endpoints), bounded like {@link #postJson}. */
  public CompletionStage<byte[]> get(URI uri, Map<String, String> headers, ErrorReader errors) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeouts.firstByte()).GET();
    headers.forEach(builder::header);
    return whole(builder.build(), errors);
  }

  private CompletionStage<byte[]> whole(HttpRequest request, ErrorReader errors) {
    long start = System.nanoTime();
    long deadline = start + timeouts.total().toNanos();
    return accepted(request, start, errors)
        .thenCompose(
            body ->
                BoundedBody.collect(
                    provider, body, BoundedBody.MAX_BYTES, false, timeouts.idle(), deadline))
        .handleAsync(UpstreamClient::rethrow, callbacks);
  }

  private static <T> T rethrow(T result, Throwable failure) {
    if (failure != null) {
      throw failure instanceof CompletionException c ? c : new CompletionException(failure);
    }
    return result;
  }

  /** Reads a non-2xx body (its first bytes, within the total timeout) and fails with it. */
  private <T> CompletionStage<T> failed(
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, long start, ErrorReader errors) {
    return BoundedBody.collect(
            provider,
            response.body(),
            BoundedBody.MAX_ERROR_BYTES,
            true,
            timeouts.idle(),
            start + timeouts.total().toNanos())
        .thenApplyAsync(
            bytes -> {
              // The tenant sees this text stripped of account details; the operator sees it whole.
              LOG.info(
                  () ->
                      provider
                          + " answered HTTP "
                          + response.statusCode()
                          + ": "
                          + Redaction.redact(new String(bytes, StandardCharsets.UTF_8)));
              throw errors
                  .apply(response.statusCode(), bytes)
                  .retryAfterMillis(retryAfterMillis(response));
            },
            callbacks);
  }

  /**
   * The upstream's wait hint in milliseconds: OpenAI's {@code retry-after-ms}, or {@code
   * retry-after} in seconds (an HTTP date counts as absent). Null when absent or unreadable.
   */
  static Long retryAfterMillis(HttpResponse<?> response) {
    var headers = response.headers();
    try {
      var millis = headers.firstValue("retry-after-ms");
      if (millis.isPresent()) {
        return Math.max(0, (long) Math.ceil(Double.parseDouble(millis.get().trim())));
      }
      var seconds = headers.firstValue("retry-after");
      if (seconds.isPresent()) {
        return Math.max(0, (long) Math.ceil(Double.parseDouble(seconds.get().trim()) * 1000));
      }
    } catch (NumberFormatException dateOrGarbage) {
      return null;
    }
    return null;
  }

  private HttpRequest request(URI uri, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeouts.firstByte())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if ("http".equals(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    headers.forEach(builder::header);
    String traceparent = UpstreamTrace.current();
    if (traceparent != null) {
      builder.setHeader("traceparent", traceparent);
    }
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
}
