package ai.hyperion.provider.gcp;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth token endpoint, faked on 127.0.0.1: checks the JWT-bearer grant (RS256 signature
 * against the service account's public key; iss, scope, aud, iat/exp claims) and issues numbered
 * tokens ({@code ya29.test-1}, {@code ya29.test-2}, ...). Can be told to refuse or to hold answers.
 */
public final class FakeTokenEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final PublicKey publicKey;
  private final AtomicInteger issued = new AtomicInteger();
  private volatile long expiresIn = 3600;
  private volatile int refuseWith;
  private volatile CountDownLatch hold;
  private volatile JsonNode lastClaims;
  private volatile String lastRejection;

  public FakeTokenEndpoint(PublicKey publicKey) throws IOException {
    this.publicKey = publicKey;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public int exchanges() {
    return issued.get();
  }

  public JsonNode lastClaims() {
    return lastClaims;
  }

  public String lastRejection() {
    return lastRejection;
  }

  public void expiresIn(long seconds) {
    this.expiresIn = seconds;
  }

  /** Answers every exchange with this status and an invalid_grant body; 0 to accept again. */
  public void refuseWith(int status) {
    this.refuseWith = status;
  }

  /** Holds answers until the returned latch is counted down. */
  public CountDownLatch hold() {
    CountDownLatch latch = new CountDownLatch(1);
    this.hold = latch;
    return latch;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      CountDownLatch latch = hold;
      if (latch != null && !latch.await(10, TimeUnit.SECONDS)) {
        throw new IOException("test never released the token endpoint");
      }
      String problem = verify(exchange);
      if (problem != null || refuseWith != 0) {
        lastRejection = problem;
        reply(
            exchange,
            refuseWith != 0 ? refuseWith : 400,
            Json.object()
                .put("error", "invalid_grant")
                .put("error_description", problem == null ? "Invalid JWT Signature." : problem));
        return;
      }
      int n = issued.incrementAndGet();
      reply(
          exchange,
          200,
          Json.object()
              .put("access_token", "ya29.test-" + n)
              .put("expires_in", expiresIn)
              .put("token_type", "Bearer"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String verify(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return "not a POST";
    }
    if (!"application/x-www-form-urlencoded"
        .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      return "not a form";
    }
    Map<String, String> form = new HashMap<>();
    for (String pair :
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
      return "wrong grant_type";
    }
    String[] jwt = form.getOrDefault("assertion", "").split("\\.");
    if (jwt.length != 3) {
      return "assertion is not a JWT";
    }
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(publicKey);
      rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
        return "bad signature";
      }
    } catch (GeneralSecurityException e) {
      return "signature check failed: " + e;
    }
    JsonNode header = Json.tryParse(Base64.getUrlDecoder().decode(jwt[0])).orElseThrow();
    JsonNode claims = Json.tryParse(Base64.getUrlDecoder().decode(jwt[1])).orElseThrow();
    lastClaims = claims;
    if (!"RS256".equals(header.path("alg").asText())
        || !TestServiceAccount.KEY_ID.equals(header.path("kid").asText())) {
      return "bad header";
    }
    if (!TestServiceAccount.EMAIL.equals(claims.path("iss").asText())) {
      return "bad iss";
    }
    if (!"https://www.googleapis.com/auth/cloud-platform".equals(claims.path("scope").asText())) {
      return "bad scope";
    }
    if (!uri().equals(claims.path("aud").asText())) {
      return "bad aud";
    }
    if (claims.path("exp").asLong() - claims.path("iat").asLong() != 3600) {
      return "bad lifetime";
    }
    return null;
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
