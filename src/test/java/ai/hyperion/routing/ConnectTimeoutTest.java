package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Secret;
import ai.hyperion.testing.Calls;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A provider's {@code connect-timeout-seconds} is the one its calls use. */
class ConnectTimeoutTest {

  @Test
  void aProvidersConnectTimeoutBoundsTheWaitForAConnection() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    List<Socket> queued = new ArrayList<>();
    try (ServerSocket neverAccepts = new ServerSocket(0, 1, loopback)) {
      InetSocketAddress address = new InetSocketAddress(loopback, neverAccepts.getLocalPort());
      // Fill the listen queue: further connection attempts then get no answer at all.
      boolean full = false;
      for (int i = 0; i < 64 && !full; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(address, 300);
          queued.add(socket);
        } catch (SocketTimeoutException e) {
          socket.close();
          full = true;
        }
      }
      assertTrue(full, "the listen queue filled up");
      String yaml =
          """
          providers:
            hanging:
              type: openai
              base-url: "http://127.0.0.1:%d/v1"
              api-keys: [sk-test]
              connect-timeout-seconds: 1
              timeout-seconds: 120
          models:
            - {id: m, provider: hanging}
          """
              .formatted(neverAccepts.getLocalPort());
      GatewayConfig config =
          new GatewayConfigLoader(name -> Optional.empty())
              .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
      // The injected client's own connect timeout (30 s) must not be the one that applies.
      HttpClient injected = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      ModelDeployment deployment =
          new DeploymentRegistry(config, Clock.systemUTC(), injected).ofModel("m").get(0);

      long start = System.nanoTime();
      ExecutionException failed =
          assertThrows(
              ExecutionException.class,
              () ->
                  deployment
                      .adapter()
                      .chat(Calls.chat("m", false, List.of()).request(), new Secret("sk-test"))
                      .toCompletableFuture()
                      .get(60, TimeUnit.SECONDS));

      ProviderException e = assertInstanceOf(ProviderException.class, failed.getCause());
      assertEquals("upstream_unreachable", e.code());
      assertTrue(
          System.nanoTime() - start < Duration.ofSeconds(25).toNanos(),
          "gave up after the provider's 1 s, not the client's 30 s");
    } finally {
      for (Socket socket : queued) {
        socket.close();
      }
    }
  }
}
