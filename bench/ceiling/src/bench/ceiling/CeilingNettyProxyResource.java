package bench.ceiling;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The platform's ceiling for a proxy on the gateway's own upstream client stack: the same as
 * {@link CeilingProxyResource}, but over Netty's HTTP codec (two event-loop threads, kept-alive
 * connections reused, as {@code provider/NettyHttpClient} does), answering on the event loop, with
 * no pipeline at all.
 */
@Path("/netty-proxy/v1/chat/completions")
public class CeilingNettyProxyResource {

  private static final URI UPSTREAM =
      URI.create(
          System.getenv()
              .getOrDefault("BENCH_UPSTREAM_URL", "http://127.0.0.1:18081/v1/chat/completions"));

  private static final AttributeKey<CompletableFuture<byte[]>> PENDING =
      AttributeKey.valueOf("ceiling.pending");

  private static final EventLoopGroup LOOPS =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  private static final ConcurrentLinkedQueue<Channel> IDLE = new ConcurrentLinkedQueue<>();

  private static final Bootstrap BOOTSTRAP =
      new Bootstrap()
          .group(LOOPS)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                  channel
                      .pipeline()
                      .addLast(new HttpClientCodec())
                      .addLast(new HttpObjectAggregator(1 << 20))
                      .addLast(new Answer());
                }
              });

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<byte[]> chat(byte[] body) {
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    Channel idle = IDLE.poll();
    if (idle != null && idle.isActive()) {
      send(idle, body, answer);
    } else {
      BOOTSTRAP
          .connect(UPSTREAM.getHost(), UPSTREAM.getPort())
          .addListener(
              connected -> {
                if (connected.isSuccess()) {
                  send(((ChannelFuture) connected).channel(), body, answer);
                } else {
                  answer.completeExceptionally(connected.cause());
                }
              });
    }
    return answer;
  }

  private static void send(Channel channel, byte[] body, CompletableFuture<byte[]> answer) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            UPSTREAM.getRawPath(),
            Unpooled.wrappedBuffer(body));
    request
        .headers()
        .set(HttpHeaderNames.HOST, UPSTREAM.getHost() + ":" + UPSTREAM.getPort())
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    channel.attr(PENDING).set(answer);
    channel
        .writeAndFlush(request)
        .addListener(
            written -> {
              if (!written.isSuccess()) {
                answer.completeExceptionally(written.cause());
                channel.close();
              }
            });
  }

  /** Hands the upstream's body to the waiting request, then returns the connection to the pool. */
  private static final class Answer extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
      CompletableFuture<byte[]> answer = context.channel().attr(PENDING).getAndSet(null);
      byte[] body = ByteBufUtil.getBytes(response.content());
      if (HttpUtil.isKeepAlive(response)) {
        IDLE.offer(context.channel());
      } else {
        context.close();
      }
      if (answer != null) {
        answer.complete(body);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable failure) {
      CompletableFuture<byte[]> answer = context.channel().attr(PENDING).getAndSet(null);
      if (answer != null) {
        answer.completeExceptionally(failure);
      }
      context.close();
    }
  }
}
