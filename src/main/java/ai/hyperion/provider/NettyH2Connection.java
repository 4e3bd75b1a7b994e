package ai.hyperion.provider;

import static io.netty.handler.codec.http2.Http2CodecUtil.DEFAULT_WINDOW_SIZE;
import static io.netty.handler.codec.http2.Http2StreamChannelOption.AUTO_STREAM_FLOW_CONTROL;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP/2 connection of {@link NettyHttpClient}, carrying as many concurrent streams as the
 * upstream's SETTINGS allow, at most {@link #MAX_STREAMS}. Each stream is a child channel whose
 * pipeline turns HTTP/2 frames into the HTTP/1.1 objects {@link NettyRelay} reads, so an exchange
 * runs on a stream as on an HTTP/1.1 connection, but for backpressure: a stream is always read, and
 * its flow-control window reopened only as the exchange's subscriber takes what arrived ({@link
 * NettyExchange}). Pausing a stream's reads instead, as on HTTP/1.1, lost the frames queued behind
 * the pause when the upstream ended the stream meanwhile. This handler ends the connection's own
 * pipeline: it hears the upstream's SETTINGS (the stream limit), GOAWAY (no new streams) and the
 * end.
 */
final class NettyH2Connection extends ChannelInboundHandlerAdapter {

  /**
   * Streams a connection carries at most, whatever the upstream allows: beyond it another
   * connection is opened, so a busy origin's streams spread over the event loops.
   */
  static final int MAX_STREAMS = 256;

  /**
   * The connection's receive window: every stream's window (64 KiB) times {@link #MAX_STREAMS}. A
   * stream whose client stopped reading holds unread bytes against the connection's window too;
   * with the default 64 KiB one stalled stream would stop every other stream on the connection.
   */
  static final int CONNECTION_WINDOW = MAX_STREAMS * DEFAULT_WINDOW_SIZE;

  private final Channel channel;
  private final Http2StreamChannelBootstrap streams;
  private final AtomicInteger open = new AtomicInteger();
  private final CompletableFuture<NettyH2Connection> ready = new CompletableFuture<>();
  private volatile int limit; // 0 until the upstream's SETTINGS arrive
  private volatile boolean draining;
  private volatile long idleSinceNanos = System.nanoTime();

  private NettyH2Connection(Channel channel) {
    this.channel = channel;
    this.streams =
        new Http2StreamChannelBootstrap(channel)
            .handler(
                new ChannelInitializer<Http2StreamChannel>() {
                  @Override
                  protected void initChannel(Http2StreamChannel stream) {
                    stream.config().setOption(AUTO_STREAM_FLOW_CONTROL, false);
                    stream.pipeline().addLast(CreditPadding.INSTANCE);
                    stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false));
                    stream.pipeline().addLast(NettyExchange.HANDLER_NAME, new NettyRelay());
                  }
                });
  }

  /**
   * Turns {@code channel}, on which TLS just agreed on {@code h2}, into an HTTP/2 connection. It is
   * {@link #ready()} once the upstream's SETTINGS arrived, so its stream limit is known before the
   * first stream is opened; a connection without them within {@code settingsTimeout} fails with
   * {@link HttpConnectTimeoutException} and is closed.
   */
  static NettyH2Connection install(Channel channel, Duration settingsTimeout) {
    NettyH2Connection connection = new NettyH2Connection(channel);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(
        Http2FrameCodecBuilder.forClient()
            .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
            .encoderEnforceMaxConcurrentStreams(true) // a race past the limit waits, not fails
            .build());
    pipeline.addLast(new Http2MultiplexHandler(RefusePushes.INSTANCE));
    pipeline.addLast(connection);
    channel.writeAndFlush(
        new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - DEFAULT_WINDOW_SIZE));
    channel
        .eventLoop()
        .schedule(
            () -> {
              if (connection.ready.completeExceptionally(
                  new HttpConnectTimeoutException(
                      "No HTTP/2 SETTINGS from the upstream in time"))) {
                channel.close();
              }
            },
            settingsTimeout.toNanos(),
            TimeUnit.NANOSECONDS);
    return connection;
  }

  CompletableFuture<NettyH2Connection> ready() {
    return ready;
  }

  Channel channel() {
    return channel;
  }

  /** Streams open on this connection now. */
  int openStreams() {
    return open.get();
  }

  /** Whether new streams may be opened here at all (not closed, no GOAWAY). */
  boolean usable() {
    return !draining && channel.isActive();
  }

  /** Takes a stream slot if one is free; {@link #release()} gives it back. */
  boolean tryLease() {
    for (int n = open.get(); usable() && n < limit; n = open.get()) {
      if (open.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  void release() {
    if (open.decrementAndGet() == 0) {
      idleSinceNanos = System.nanoTime();
    }
  }

  /** Whether no stream has used the connection for {@code nanos}. */
  boolean idleLongerThan(long nanos, long now) {
    return open.get() == 0 && now - idleSinceNanos > nanos;
  }

  /** The streams this connection carries at most: the upstream's limit, capped; 0 before it. */
  int streamLimit() {
    return limit;
  }

  /** Opens a stream for a slot taken with {@link #tryLease()}. */
  Future<Http2StreamChannel> openStream() {
    return streams.open();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    try {
      if (message instanceof Http2SettingsFrame settings) {
        Long allowed = settings.settings().maxConcurrentStreams();
        limit = allowed == null ? MAX_STREAMS : (int) Math.min(allowed, MAX_STREAMS);
        ready.complete(this);
      } else if (message instanceof Http2GoAwayFrame) {
        draining = true; // streams already open finish; new ones go elsewhere
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    draining = true;
    ready.completeExceptionally(new IOException("Upstream closed the HTTP/2 connection"));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    draining = true;
    ready.completeExceptionally(cause);
    ctx.close();
  }

  /**
   * Reopens a stream's window at once for a DATA frame's padding, which never reaches the exchange
   * (it credits the content it hands on).
   */
  @ChannelHandler.Sharable
  private static final class CreditPadding extends ChannelInboundHandlerAdapter {
    static final CreditPadding INSTANCE = new CreditPadding();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof Http2DataFrame data) {
        int padding = data.initialFlowControlledBytes() - data.content().readableBytes();
        if (padding > 0) {
          ctx.channel().writeAndFlush(new DefaultHttp2WindowUpdateFrame(padding));
        }
      }
      ctx.fireChannelRead(message);
    }
  }

  /** Streams the upstream would open (server push, which the client's SETTINGS turn off). */
  @ChannelHandler.Sharable
  private static final class RefusePushes extends ChannelInboundHandlerAdapter {
    static final RefusePushes INSTANCE = new RefusePushes();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.close();
    }
  }
}
