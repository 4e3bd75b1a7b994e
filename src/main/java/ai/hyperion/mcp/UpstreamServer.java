package ai.hyperion.mcp;

import ai.hyperion.config.McpConfig.McpServerConfig;
import ai.hyperion.provider.Secret;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One upstream MCP server of gateway.yaml: its client sessions (one per org holding a token for it,
 * one shared by the orgs without; a stdio server has one process), and its health. A server that
 * fails to connect is skipped for a short back-off, so that its tools fail at once instead of each
 * waiting for the timeout; a call that stalls fails after {@code timeout-seconds}.
 */
final class UpstreamServer {

  private static final Logger LOG = Logger.getLogger(UpstreamServer.class.getName());
  static final String SHARED = "";
  private static final long BACKOFF_MILLIS = 5_000;

  private final String name;
  private final McpServerConfig config;
  private final McpJsonMapper json;
  private final JsonSchemaValidator validator;
  private final long listTtlMillis;
  private final Map<String, UpstreamConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, Object> opening = new ConcurrentHashMap<>();
  private volatile long downUntil;
  private volatile String lastError;
  private volatile Instant lastOkAt;

  UpstreamServer(
      String name,
      McpServerConfig config,
      McpJsonMapper json,
      JsonSchemaValidator validator,
      long listTtlMillis) {
    this.name = name;
    this.config = config;
    this.json = json;
    this.validator = validator;
    this.listTtlMillis = listTtlMillis;
  }

  String name() {
    return name;
  }

  McpServerConfig config() {
    return config;
  }

  boolean stdio() {
    return McpServerConfig.STDIO.equals(config.transport());
  }

  /**
   * Runs {@code work} on the connection for {@code orgId}'s credential ({@code token} when the org
   * has one). An upstream JSON-RPC error passes through as {@link McpError}; anything else is an
   * {@link UpstreamFailure}.
   */
  <T> T run(String orgId, Optional<Secret> token, Function<UpstreamConnection, T> work) {
    long now = System.currentTimeMillis();
    if (now < downUntil) {
      throw new UpstreamFailure(
          "upstream_unavailable",
          "MCP server '"
              + name
              + "' is unavailable ("
              + lastError
              + "); the gateway retries it in "
              + Math.max(1, (downUntil - now + 999) / 1000)
              + " s.");
    }
    // One session per org and token: a replaced token opens a new session.
    String scope =
        stdio() || token.isEmpty()
            ? SHARED
            : orgId + "#" + Integer.toHexString(token.get().value().hashCode());
    UpstreamConnection connection = connection(scope, token);
    try {
      T result = work.apply(connection);
      lastOkAt = Instant.now();
      return result;
    } catch (McpError upstreamError) {
      lastOkAt = Instant.now();
      throw upstreamError;
    } catch (RuntimeException e) {
      if (timedOut(e)) {
        // The session may be wedged (a stdio process that died answers nothing): the next call
        // opens a new one, without a back-off, since a slow tool is not a down server.
        drop(scope, connection);
        throw new UpstreamFailure(
            "upstream_timeout",
            "MCP server '" + name + "' did not answer within " + config.timeoutSeconds() + " s.");
      }
      drop(scope, connection);
      throw markDown(e, timeout());
    }
  }

  private UpstreamConnection connection(String scope, Optional<Secret> token) {
    UpstreamConnection existing = connections.get(scope);
    if (existing != null) {
      return existing;
    }
    synchronized (opening.computeIfAbsent(scope, s -> new Object())) {
      existing = connections.get(scope);
      if (existing != null) {
        return existing;
      }
      Set<Long> children = stdio() ? childPids() : Set.of();
      McpAsyncClient client = null;
      try {
        // The session's own limit is the connection's (a cold upstream may take a while to
        // initialise); each request after that is held to timeout-seconds by the connection.
        client =
            McpClient.async(transport(token))
                .requestTimeout(
                    connectTimeout().compareTo(timeout()) > 0 ? connectTimeout() : timeout())
                .initializationTimeout(connectTimeout())
                .clientInfo(new McpSchema.Implementation("hyperion-mcp-gateway", "1.0"))
                .jsonSchemaValidator(validator)
                .build();
        client.initialize().block();
      } catch (RuntimeException e) {
        if (client != null) {
          client.close();
        }
        throw markDown(e, connectTimeout());
      }
      UpstreamConnection opened = new UpstreamConnection(client, timeout(), listTtlMillis);
      connections.put(scope, opened);
      if (stdio()) {
        watch(scope, opened, children);
      }
      lastOkAt = Instant.now();
      downUntil = 0;
      return opened;
    }
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /**
   * Ends the connection the moment its stdio process exits: its calls in flight fail at once
   * instead of at their timeout, and the server is skipped for the back-off (no crash loop).
   */
  private void watch(String scope, UpstreamConnection connection, Set<Long> before) {
    List<String> arguments = config.command().subList(1, config.command().size());
    ProcessHandle.current()
        .children()
        .filter(p -> !before.contains(p.pid()))
        .filter(p -> p.info().arguments().map(a -> List.of(a).equals(arguments)).orElse(true))
        .findFirst()
        .ifPresent(
            process ->
                process
                    .onExit()
                    .thenRun(
                        () -> {
                          if (connections.remove(scope, connection)) {
                            lastError = "its process exited";
                            downUntil = System.currentTimeMillis() + BACKOFF_MILLIS;
                            LOG.log(Level.WARNING, "MCP server {0}: its process exited", name);
                            connection.close();
                          }
                        }));
  }

  private Duration timeout() {
    return Duration.ofSeconds(config.timeoutSeconds());
  }

  private Duration connectTimeout() {
    return Duration.ofSeconds(config.connectTimeoutSeconds());
  }

  private McpClientTransport transport(Optional<Secret> token) {
    if (stdio()) {
      ServerParameters parameters =
          ServerParameters.builder(config.command().get(0))
              .args(config.command().subList(1, config.command().size()))
              .env(config.env())
              .build();
      StdioClientTransport stdio = new StdioClientTransport(parameters, json);
      stdio.setStdErrorHandler(line -> LOG.fine(() -> "MCP server " + name + ": " + line));
      return stdio;
    }
    URI url = URI.create(config.url());
    String base = url.getScheme() + "://" + url.getRawAuthority();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path = path + "?" + url.getRawQuery();
    }
    McpSyncHttpClientRequestCustomizer authorization =
        (request, method, endpoint, body, context) ->
            token.ifPresent(t -> request.setHeader("Authorization", "Bearer " + t.value()));
    if (McpServerConfig.SSE.equals(config.transport())) {
      return HttpClientSseClientTransport.builder(base)
          .sseEndpoint(path)
          .jsonMapper(json)
          .connectTimeout(connectTimeout())
          .httpRequestCustomizer(authorization)
          .build();
    }
    return HttpClientStreamableHttpTransport.builder(base)
        .endpoint(path)
        .jsonMapper(json)
        .connectTimeout(connectTimeout())
        .httpRequestCustomizer(authorization)
        .build();
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private UpstreamFailure markDown(RuntimeException e, Duration limit) {
    if (timedOut(e)) {
      lastError = "no answer within " + limit.toSeconds() + " s";
    } else {
      Throwable root = McpError.findRootCause(e);
      lastError = root.getClass().getSimpleName();
    }
    downUntil = System.currentTimeMillis() + BACKOFF_MILLIS;
    LOG.log(Level.WARNING, "MCP server {0} is unavailable: {1}", new Object[] {name, lastError});
    return new UpstreamFailure(
        "upstream_unavailable", "MCP server '" + name + "' is unavailable (" + lastError + ").");
  }

  private void drop(String scope, UpstreamConnection connection) {
    if (connections.remove(scope, connection)) {
      connection.close();
    }
  }

  /** This server's state for the admin API. */
  UpstreamHealth health() {
    long until = downUntil;
    String status;
    if (System.currentTimeMillis() < until) {
      status = "down";
    } else if (lastOkAt != null) {
      status = "up";
    } else {
      status = "unknown";
    }
    return new UpstreamHealth(
        name,
        config.transport(),
        config.description(),
        status,
        "down".equals(status) ? lastError : null,
        lastOkAt,
        connections.size());
  }

  void close() {
    connections.values().forEach(UpstreamConnection::close);
    connections.clear();
  }
}
