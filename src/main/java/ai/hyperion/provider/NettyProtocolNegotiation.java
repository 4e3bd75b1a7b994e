package ai.hyperion.provider;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sets up a TLS connection of {@link NettyHttpClient} for the protocol the upstream chose in the
 * handshake (ALPN): HTTP/2 when it chose {@code h2}, HTTP/1.1 otherwise. {@code outcome} completes
 * with the connection, ready for a request, or fails with what ended the handshake.
 */
final class NettyProtocolNegotiation extends ApplicationProtocolNegotiationHandler {

  private final CompletableFuture<NettyHttpClient.Connected> outcome;
  private final Duration settingsTimeout;

  /** {@code settingsTimeout}: how long an HTTP/2 upstream may take to send its SETTINGS. */
  NettyProtocolNegotiation(
      CompletableFuture<NettyHttpClient.Connected> outcome, Duration settingsTimeout) {
    super(ApplicationProtocolNames.HTTP_1_1);
    this.outcome = outcome;
    this.settingsTimeout = settingsTimeout;
  }

  @Override
  protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
      NettyH2Connection connection = NettyH2Connection.install(ctx.channel(), settingsTimeout);
      connection
          .ready()
          .whenComplete(
              (ready, failure) -> {
                if (failure != null) {
                  outcome.completeExceptionally(failure);
                } else {
                  outcome.complete(new NettyHttpClient.Http2(ready));
                }
              });
    } else {
      ctx.pipeline().addLast(new HttpClientCodec());
      ctx.pipeline().addLast(NettyExchange.HANDLER_NAME, new NettyRelay());
      outcome.complete(new NettyHttpClient.Http1(ctx.channel()));
    }
  }

  /** A failed handshake (an untrusted certificate, a wrong name): the request fails with it. */
  @Override
  protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
    outcome.completeExceptionally(cause);
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable failure =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    outcome.completeExceptionally(
        failure instanceof IOException ? failure : new IOException("TLS failed", failure));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    outcome.completeExceptionally(
        new IOException("Upstream closed the connection during the TLS handshake"));
    super.channelInactive(ctx);
  }
}
