package ai.hyperion.provider;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each upstream connection's last handler: hands what the HTTP codec read to the exchange running
 * on the connection, as plain status, headers and heap buffers (Netty's buffers are released here),
 * and tells it when the connection fails or closes. Event loop only.
 */
final class NettyRelay extends ChannelInboundHandlerAdapter {

  private NettyExchange<?> current;

  void attach(NettyExchange<?> exchange) {
    current = exchange;
  }

  void detach(NettyExchange<?> exchange) {
    if (current == exchange) {
      current = null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    try {
      NettyExchange<?> exchange = current;
      if (exchange == null) {
        return; // nothing asked for it (an idle connection)
      }
      if (message instanceof HttpResponse head) {
        if (head.decoderResult().isFailure()) {
          exchange.lost(new IOException("Unreadable response", head.decoderResult().cause()));
          return;
        }
        exchange.head(head.status().code(), HttpUtil.isKeepAlive(head), fields(head.headers()));
      }
      if (message instanceof HttpContent content) {
        exchange.content(copy(content.content()), message instanceof LastHttpContent);
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  private static ByteBuffer copy(ByteBuf bytes) {
    if (!bytes.isReadable()) {
      return null;
    }
    ByteBuffer copy = ByteBuffer.allocate(bytes.readableBytes());
    bytes.readBytes(copy);
    return copy.flip();
  }

  private static Map<String, List<String>> fields(HttpHeaders headers) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      fields.computeIfAbsent(header.getKey(), name -> new ArrayList<>(1)).add(header.getValue());
    }
    return fields;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    NettyExchange<?> exchange = current;
    if (exchange != null) {
      exchange.lost(new IOException("Upstream closed the connection"));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    NettyExchange<?> exchange = current;
    if (exchange != null) {
      exchange.lost(cause);
    }
    ctx.close();
  }
}
