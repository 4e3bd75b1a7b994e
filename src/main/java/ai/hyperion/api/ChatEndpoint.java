package ai.hyperion.api;

import ai.hyperion.gateway.Gateway;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.pipeline.GatewayHeadersFilter;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.stream.ClosedChannel;
import ai.hyperion.stream.IdentifiedFormat;
import ai.hyperion.stream.ServletSseChannel;
import ai.hyperion.stream.StreamLimits;
import ai.hyperion.stream.StreamPump;
import ai.hyperion.stream.StreamTicker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one skeleton behind every chat-like resource, whatever its dialect: read the body, hand the
 * call to the gateway, answer as JSON or as server-sent events once the upstream accepted the
 * stream. Failures are left to the exception mapper, which answers in the resource's dialect. A
 * resource whose calls must be placed first (a dedicated endpoint, found and woken) passes a
 * placement: the call enters the gateway once it completes, holding no thread meanwhile.
 */
@ApplicationScoped
public class ChatEndpoint {

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  @Inject RequestBodyReader bodies;
  @Inject Gateway gateway;
  @Inject RequestLimits limits;
  @Inject StreamLimits streamLimits;
  @Inject StreamTicker ticker;

  @Resource ManagedExecutorService streams;

  public CompletionStage<Response> chat(
      Dialect dialect, InputStream body, HttpServletRequest request) {
    ChatCall call = call(dialect, read(body, request), request);
    return run(dialect, call, sse(call, request));
  }

  /**
   * Reads a chat body for a resource that looks at it first: 413 beyond the size limit, 400 when it
   * is not a JSON object.
   */
  public ObjectNode read(InputStream body, HttpServletRequest request) {
    return (ObjectNode) bodies.read(request.getHeader("Content-Length"), body);
  }

  /** The body's bytes as sent, for a resource that forwards them unchanged when it can. */
  public byte[] readBytes(InputStream body, HttpServletRequest request) {
    return bodies.readBytes(request.getHeader("Content-Length"), body);
  }

  /** Parses bytes read by {@link #readBytes}: 400 unless they are a JSON object. */
  public ObjectNode parse(byte[] body) {
    return (ObjectNode) bodies.parse(body);
  }

  /**
   * Runs a call that {@code placement} must place first (without blocking: its stage completes when
   * the call may proceed, or fails with the answer to give). A call that had to wait continues on a
   * managed thread, never on the thread that ended the wait.
   */
  public CompletionStage<Response> chat(
      Dialect dialect,
      JsonNode body,
      HttpServletRequest request,
      Function<ChatCall, CompletionStage<ChatCall>> placement) {
    ChatCall first = call(dialect, body, request);
    ServletSseChannel sse = sse(first, request);
    CompletableFuture<ChatCall> placed = placement.apply(first).toCompletableFuture();
    return placed.isDone()
        ? placed.thenCompose(call -> run(dialect, call, sse))
        : placed.thenComposeAsync(call -> run(dialect, call, sse), streams);
  }

  private ChatCall call(Dialect dialect, JsonNode json, HttpServletRequest request) {
    return call(dialect, json, ExchangeFilter.of(request));
  }

  /**
   * Runs a call for a transport that made its own exchange (the WebSocket) through the gateway: the
   * same pipeline and limits as the HTTP resources.
   */
  public CompletionStage<ChatResult> run(ChatCall call) {
    return gateway.chat(call);
  }

  /** Reads and validates a chat body (400 naming the field) into a call on {@code exchange}. */
  public ChatCall call(Dialect dialect, JsonNode json, Exchange exchange) {
    ChatRequest chat = dialect.readChat(json);
    ModelNameRule.check("model", chat.model());
    return new ChatCall(exchange, chat, RequestOptionsReader.read(json, limits.maxFallbacks()));
  }

  /** The channel a streamed answer would take, readied on the request thread; null otherwise. */
  private static ServletSseChannel sse(ChatCall call, HttpServletRequest request) {
    return call.request().stream()
        ? ServletSseChannel.prepare(ServletRequests.unwrap(request))
        : null;
  }

  private CompletionStage<Response> run(Dialect dialect, ChatCall call, ServletSseChannel sse) {
    return gateway
        .chat(call)
        .thenCompose(result -> answer(dialect, call.exchange(), call.request(), result, sse));
  }

  private CompletionStage<Response> answer(
      Dialect dialect,
      Exchange exchange,
      ChatRequest chat,
      ChatResult result,
      ServletSseChannel sse) {
    if (result instanceof ChatResult.Complete complete) {
      byte[] answer = dialect.writeAnswer(complete.response(), exchange);
      return CompletableFuture.completedFuture(
          Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build());
    }
    ChatResult.Streaming streaming = (ChatResult.Streaming) result;
    StreamPump pump =
        new StreamPump(
            new IdentifiedFormat(dialect.streamFormat(chat, exchange), exchange.requestId()),
            streaming.ending(),
            streamLimits,
            ticker,
            exchange.provider());
    try {
      sse.open(GatewayHeadersFilter.of(exchange), pump);
      pump.start(streaming.events(), sse);
    } catch (IOException | IllegalStateException gone) {
      // The client left before the stream could be answered: read the upstream to its end.
      LOG.log(Level.INFO, "Request " + exchange.requestId() + ": no client to stream to", gone);
      sse.close();
      pump.start(streaming.events(), ClosedChannel.INSTANCE);
      pump.clientGone();
    }
    // The stream owns the response from here (JAX-RS started it asynchronous before this method
    // ran, and the pump ends it): the stage JAX-RS waits on never completes, so it writes nothing.
    return new CompletableFuture<>();
  }
}
