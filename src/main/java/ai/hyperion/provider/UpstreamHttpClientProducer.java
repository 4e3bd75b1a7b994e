package ai.hyperion.provider;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The non-blocking HTTP clients every provider adapter shares, one per connect timeout: Netty's
 * ({@link NettyHttpClient}, HTTP/2 with TLS upstreams unless {@value #HTTP2_SETTING} is {@code
 * false}) unless {@value #CLIENT_SETTING} is {@code jdk}. A JDK one (no per-request connect timeout
 * either) is {@link #SHARDS} JDK clients taking requests in turn, so their selector threads share
 * the load, all completing on one bounded pool.
 */
@ApplicationScoped
public class UpstreamHttpClientProducer {

  /** The connect timeout of the shared client, used when a provider configures none. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Runs the clients' completions: parsing, translating a fallback, metering, resuming the JAX-RS
   * response. On the client's single selector thread (the JDK's choice for {@code Runnable::run})
   * one slow callback would stall every upstream's I/O; a bounded pool keeps the selector free.
   */
  private static final ExecutorService CALLBACKS =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads());

  /** JDK clients per shared client: one selector thread each (see {@link ShardedHttpClient}). */
  static final int SHARDS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /**
   * HTTP/2 connections per upstream beyond the shards' when an upstream's per-connection stream
   * limit is reached (see {@link ShardedHttpClient}): each is a selector thread, made on first
   * need. Against an upstream that allows 256 streams a connection, 2 shards (2 cores) and 16
   * overflow clients carry 4,608 streams over HTTP/2; any more go over HTTP/1.1.
   */
  static final int MAX_OVERFLOW_CLIENTS = 16;

  /**
   * Which client carries upstream calls: {@code netty} (the default, HTTP/1.1, see {@link
   * NettyHttpClient}) or {@code jdk} (the JDK's, HTTP/2 where the upstream offers it).
   */
  public static final String CLIENT_SETTING = "hyperion.upstream.http-client";

  /**
   * {@code false} keeps the Netty client on HTTP/1.1 with TLS upstreams too (a connection per
   * concurrent request); by default it offers HTTP/2 and multiplexes where the upstream accepts.
   */
  public static final String HTTP2_SETTING = "hyperion.upstream.http2";

  private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  @Produces
  @Singleton
  HttpClient upstreamHttpClient() {
    return withConnectTimeout(DEFAULT_CONNECT_TIMEOUT);
  }

  /** The application stops: the Netty clients' event loop threads end with it. */
  @PreDestroy
  void stop() {
    CLIENTS.clear();
    NettyHttpClient.stopSharedLoops();
  }

  /** The shared client that gives up connecting after {@code connectTimeout}. */
  public static HttpClient withConnectTimeout(Duration connectTimeout) {
    return CLIENTS.computeIfAbsent(
        connectTimeout,
        timeout -> jdkChosen() ? jdkClient(timeout) : new NettyHttpClient(timeout, http2Offered()));
  }

  /** Whether {@value #CLIENT_SETTING} asks for the JDK client instead of Netty's. */
  static boolean jdkChosen() {
    return setting(CLIENT_SETTING, "netty").equalsIgnoreCase("jdk");
  }

  /** Whether {@value #HTTP2_SETTING} leaves HTTP/2 on for the Netty client's TLS upstreams. */
  static boolean http2Offered() {
    return !setting(HTTP2_SETTING, "true").equalsIgnoreCase("false");
  }

  private static String setting(String name, String fallback) {
    try {
      return ConfigProvider.getConfig()
          .getOptionalValue(name, String.class)
          .orElse(fallback)
          .trim();
    } catch (IllegalStateException | ServiceConfigurationError noConfig) {
      return System.getProperty(name, fallback).trim();
    }
  }

  /** The JDK client: {@link #SHARDS} of them behind one (see {@link ShardedHttpClient}). */
  static HttpClient jdkClient(Duration connectTimeout) {
    return new ShardedHttpClient(
        Stream.generate(() -> newClient(connectTimeout)).limit(SHARDS).toList(),
        () -> newClient(connectTimeout),
        MAX_OVERFLOW_CLIENTS);
  }

  private static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(CALLBACKS)
        .build();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "hyperion-upstream-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
