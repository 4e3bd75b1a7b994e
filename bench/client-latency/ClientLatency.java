import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Time from sending a streamed chat request to the response headers and to the first body byte,
 * one request at a time on one kept-alive connection, for three clients of the same upstream: a
 * raw blocking socket, the JDK HttpClient (sendAsync; "jdk-direct": with executor Runnable::run)
 * and Netty's HTTP codec on one event loop. Prints p50/p90 per round. See client-latency.sh.
 */
public class ClientLatency {

  static final String BODY =
      "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    int requests = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    for (int round = 0; round < rounds; round++) {
      long[][] times =
          switch (mode) {
            case "raw" -> raw(port, requests);
            case "jdk", "jdk-direct" -> jdk(port, requests, mode.equals("jdk-direct"));
            case "netty" -> netty(port, requests);
            default -> throw new IllegalArgumentException("raw | jdk | jdk-direct | netty");
          };
      System.out.printf(
          "%s round %d: headers p50 %.0f us p90 %.0f us; first body byte p50 %.0f us%n",
          mode, round + 1, pct(times[0], 50), pct(times[0], 90), pct(times[1], 50));
    }
  }

  static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
  }

  static long[][] raw(int port, int n) throws IOException {
    long[] head = new long[n];
    long[] first = new long[n];
    byte[] request =
        ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: "
                + BODY.length()
                + "\r\n\r\n"
                + BODY)
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        String headers = readHead(in);
        head[i] = System.nanoTime() - start;
        if (!headers.toLowerCase().contains("transfer-encoding: chunked")) {
          throw new IOException("expected a chunked stream: " + headers);
        }
        for (boolean firstChunk = true; ; firstChunk = false) {
          int length = Integer.parseInt(readLine(in).trim(), 16);
          if (firstChunk) {
            first[i] = System.nanoTime() - start;
          }
          if (length == 0) {
            readLine(in);
            break;
          }
          in.readNBytes(length);
          readLine(in);
        }
      }
    }
    return new long[][] {head, first};
  }

  static long[][] jdk(int port, int n, boolean direct) throws Exception {
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    if (direct) {
      builder.executor(Runnable::run);
    }
    HttpClient client = builder.build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
    long[] head = new long[n];
    long[] first = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      long[] headAt = new long[1];
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(BODY))
              .build();
      InputStream body =
          client
              .sendAsync(
                  request,
                  info -> {
                    headAt[0] = System.nanoTime();
                    return java.net.http.HttpResponse.BodySubscribers.ofInputStream();
                  })
              .get()
              .body();
      body.read();
      first[i] = System.nanoTime() - start;
      head[i] = headAt[0] - start;
      body.readAllBytes();
      body.close();
    }
    return new long[][] {head, first};
  }

  static long[][] netty(int port, int n) throws Exception {
    long[] head = new long[n];
    long[] first = new long[n];
    long[] at = new long[2];
    CompletableFuture<?>[] done = new CompletableFuture<?>[1];
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel channel =
          new Bootstrap()
              .group(loop)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpClientCodec())
                          .addLast(
                              new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                protected void channelRead0(
                                    ChannelHandlerContext ctx, HttpObject message) {
                                  if (message instanceof HttpResponse) {
                                    at[0] = System.nanoTime();
                                    at[1] = 0;
                                  }
                                  if (message instanceof HttpContent content
                                      && content.content().isReadable()
                                      && at[1] == 0) {
                                    at[1] = System.nanoTime();
                                  }
                                  if (message instanceof LastHttpContent) {
                                    done[0].complete(null);
                                  }
                                }
                              });
                    }
                  })
              .connect("127.0.0.1", port)
              .sync()
              .channel();
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < n; i++) {
        CompletableFuture<Void> end = new CompletableFuture<>();
        done[0] = end;
        long start = System.nanoTime();
        FullHttpRequest request =
            new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                "/v1/chat/completions",
                Unpooled.wrappedBuffer(body));
        request
            .headers()
            .set("Host", "127.0.0.1")
            .set("Content-Type", "application/json")
            .setInt("Content-Length", body.length);
        channel.writeAndFlush(request);
        end.get();
        head[i] = at[0] - start;
        first[i] = at[1] - start;
      }
      channel.close().sync();
    } finally {
      loop.shutdownGracefully();
    }
    return new long[][] {head, first};
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line; !(line = readLine(in)).isEmpty(); ) {
      head.append(line).append('\n');
    }
    return head.toString();
  }

  static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
