package ai.hyperion.provider;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;

/**
 * One request and its response on one connection of {@link NettyHttpClient}. Everything after
 * {@link #start} runs on the connection's event loop; the body's subscription may be called from
 * any thread and moves there.
 *
 * @param <T> the body type the request's {@link HttpResponse.BodyHandler} makes
 */
final class NettyExchange<T> {

  /** The name of each connection's {@link NettyRelay} in its pipeline. */
  static final String HANDLER_NAME = "hyperion-exchange";

  /**
   * How soon after sending a reused connection must fail, silent, for the request to be sent again:
   * an upstream that had closed the idle connection answers the write at once; one that fails later
   * may have started on the request, which is not sent twice.
   */
  static final long STALE_CONNECTION_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** HTTP/2: the least the stream's window is reopened by (a quarter of the default window). */
  static final int CREDIT_BATCH = 16 * 1024;

  private final HttpRequest request;
  private final String hostHeader;
  private final byte[] body;
  private final HttpResponse.BodyHandler<T> handler;

  private Channel channel; // a connection, or a stream of an HTTP/2 connection
  private HttpClient.Version version;
  private NettyRelay relay;
  private CompletableFuture<HttpResponse<T>> response;
  private Runnable retry;
  private Consumer<Boolean> release;
  private ScheduledFuture<?> timeout;
  private long sentNanos;

  private boolean answered; // any byte of the response arrived
  private boolean settled; // the connection was released or closed for this exchange
  private HttpResponse.BodySubscriber<T> subscriber;
  private final ArrayDeque<ByteBuffer> unread = new ArrayDeque<>();
  private long demand;
  private boolean delivering;
  private boolean lastSeen;
  private boolean ended; // the subscriber heard onComplete or onError, or cancelled
  private boolean keepAlive;
  private int uncredited; // HTTP/2: bytes the subscriber took that the upstream may send again

  NettyExchange(
      HttpRequest request, String hostHeader, byte[] body, HttpResponse.BodyHandler<T> handler) {
    this.request = request;
    this.hostHeader = hostHeader;
    this.body = body;
    this.handler = handler;
  }

  /** The same request, to be sent again on another connection. */
  NettyExchange<T> again() {
    return new NettyExchange<>(request, hostHeader, body, handler);
  }

  /**
   * Sends the request on {@code connection}. {@code retry}, when not null, is run instead of
   * failing when the connection turns out closed at once, before any byte of the answer ({@link
   * #STALE_CONNECTION_NANOS}); {@code release} hears once whether the connection may carry another
   * exchange, and closes it when not.
   */
  void start(
      Channel connection,
      CompletableFuture<HttpResponse<T>> answer,
      Runnable retry,
      Consumer<Boolean> release) {
    this.channel = connection;
    this.version =
        connection instanceof Http2StreamChannel
            ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1;
    this.response = answer;
    this.retry = retry;
    this.release = release;
    onLoop(this::send);
  }

  private void onLoop(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }

  private void send() {
    sentNanos = System.nanoTime();
    relay = (NettyRelay) channel.pipeline().get(HANDLER_NAME);
    if (relay == null || !channel.isActive()) {
      lost(new IOException("Connection closed")); // nothing sent: a pooled one is replaced
      return;
    }
    relay.attach(this);
    channel.config().setAutoRead(true);
    request
        .timeout()
        .ifPresent(
            limit ->
                timeout =
                    channel
                        .eventLoop()
                        .schedule(this::timedOut, limit.toNanos(), TimeUnit.NANOSECONDS));
    channel
        .writeAndFlush(toNetty())
        .addListener(
            written -> {
              if (!written.isSuccess()) {
                lost(written.cause());
              }
            });
  }

  private FullHttpRequest toNetty() {
    URI uri = request.uri();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    FullHttpRequest out =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method()),
            target,
            Unpooled.wrappedBuffer(body));
    request.headers().map().forEach((name, values) -> out.headers().add(name, values));
    out.headers().set(HttpHeaderNames.HOST, hostHeader);
    if (body.length > 0 || request.bodyPublisher().isPresent()) {
      out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    return out;
  }

  private void timedOut() {
    if (subscriber == null && !settled) {
      response.completeExceptionally(new HttpTimeoutException("request timed out"));
      settle(false);
    }
  }

  /** The connection failed or closed: retried when nothing was answered on a reused one. */
  void lost(Throwable cause) {
    if (settled) {
      return;
    }
    if (subscriber == null) {
      boolean retried =
          !answered && retry != null && System.nanoTime() - sentNanos < STALE_CONNECTION_NANOS;
      settle(false);
      if (retried) {
        retry.run();
      } else {
        response.completeExceptionally(asIo(cause));
      }
    } else if (!lastSeen) {
      settle(false);
      unread.clear();
      end(asIo(cause));
    }
  }

  private static IOException asIo(Throwable cause) {
    return cause instanceof IOException io ? io : new IOException(cause);
  }

  /** The response's status line and headers (an interim 1xx is skipped). */
  void head(int status, boolean keepAliveAfter, Map<String, List<String>> fields) {
    if (settled || subscriber != null) {
      return;
    }
    answered = true;
    if (status >= 100 && status < 200) {
      return; // an interim answer: the final one follows
    }
    if (timeout != null) {
      timeout.cancel(false);
    }
    keepAlive = keepAliveAfter;
    HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
    try {
      subscriber = handler.apply(new Info(status, headers, version));
    } catch (RuntimeException bug) {
      settle(false);
      response.completeExceptionally(bug);
      return;
    }
    subscriber
        .getBody()
        .whenComplete(
            (value, failure) -> {
              if (failure != null) {
                response.completeExceptionally(failure);
              } else {
                response.complete(new Answer<>(status, request, headers, value, version));
              }
            });
    subscriber.onSubscribe(new Subscription());
  }

  /** A piece of the body ({@code bytes} may be null), {@code last} at its end. */
  void content(ByteBuffer bytes, boolean last) {
    answered = true;
    if (subscriber == null || ended) {
      return;
    }
    if (bytes != null) {
      unread.add(bytes);
    }
    lastSeen |= last;
    deliver();
  }

  /** Hands the subscriber what it asked for; pauses reading while what was read waits. */
  private void deliver() {
    if (delivering || ended) {
      return;
    }
    delivering = true;
    try {
      while (demand > 0 && !unread.isEmpty() && !ended) {
        demand--;
        ByteBuffer piece = unread.poll();
        int size = piece.remaining();
        subscriber.onNext(List.of(piece));
        credit(size);
      }
      if (ended) {
        return;
      }
      if (lastSeen && unread.isEmpty()) {
        settle(keepAlive);
        end(null);
      } else if (!lastSeen && version == HttpClient.Version.HTTP_1_1) {
        // Reading stops only once a read's worth waits unasked for: a subscriber that asks for one
        // piece at a time does not switch reads off and on for every piece.
        boolean pause = demand == 0 && !unread.isEmpty();
        if (channel.config().isAutoRead() == pause) {
          channel.config().setAutoRead(!pause);
        }
      }
    } catch (RuntimeException bug) {
      // The subscriber failed: it gets nothing more, and the connection's state is unknown.
      settle(false);
      unread.clear();
      ended = true;
      throw bug;
    } finally {
      delivering = false;
    }
  }

  /**
   * An HTTP/2 stream's backpressure: the upstream may send what the subscriber has taken, a
   * flow-control window (64 KiB) ahead of it, in updates of at least {@link #CREDIT_BATCH} bytes.
   * The stream is read on all the while (its reads are never paused: see {@link
   * NettyH2Connection}).
   */
  private void credit(int taken) {
    if (version != HttpClient.Version.HTTP_2 || lastSeen) {
      return;
    }
    uncredited += taken;
    if (uncredited >= CREDIT_BATCH) {
      channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(uncredited));
      uncredited = 0;
    }
  }

  private void end(IOException failure) {
    if (ended) {
      return;
    }
    ended = true;
    if (failure == null) {
      subscriber.onComplete();
    } else {
      subscriber.onError(failure);
    }
  }

  /** Detaches from the connection and hands it back to be kept or closed; once. */
  private void settle(boolean reusable) {
    if (settled) {
      return;
    }
    settled = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (relay != null) {
      relay.detach(this);
    }
    release.accept(reusable); // which closes the connection unless it is kept
  }

  /** The body's subscription: demand and cancellation, moved onto the event loop. */
  private final class Subscription implements Flow.Subscription {

    @Override
    public void request(long n) {
      onLoop(
          () -> {
            if (n <= 0) {
              lost(new IllegalArgumentException("non-positive request: " + n));
              return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            deliver();
          });
    }

    @Override
    public void cancel() {
      onLoop(
          () -> {
            unread.clear();
            ended = true;
            settle(false);
          });
    }
  }

  private record Info(int statusCode, HttpHeaders headers, HttpClient.Version version)
      implements HttpResponse.ResponseInfo {}

  private record Answer<T>(
      int statusCode, HttpRequest request, HttpHeaders headers, T body, HttpClient.Version version)
      implements HttpResponse<T> {

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }
  }
}
