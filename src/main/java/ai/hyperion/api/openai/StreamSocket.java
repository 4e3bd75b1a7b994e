package ai.hyperion.api.openai;

import ai.hyperion.api.ChatEndpoint;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.AuthenticationException;
import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.GatewayHeadersFilter;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.pipeline.TenantAuthenticator;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Usage;
import ai.hyperion.stream.SocketSender;
import ai.hyperion.stream.StreamLimits;
import ai.hyperion.stream.StreamPump;
import ai.hyperion.stream.StreamTicker;
import ai.hyperion.stream.WebSocketChannel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket {@code /v1/stream}: chat completions over one socket, several at a time. The client
 * authenticates with the handshake's {@code Authorization: Bearer} header, or (browsers cannot set
 * it) with a first message {@code {"type":"auth","key":"hk-..."}}. Each request is the body of
 * {@code /v1/chat/completions}, bare or as {@code {"type":"request","id":"r1","body":{...}}}; it
 * runs through the same pipeline and limits, always streamed. The server answers with one message
 * per SSE event block ({@code {"type":"event","id","block"}}), then {@code
 * {"type":"done","id","status","usage","headers"}}; a refused request gets {@code
 * {"type":"error","id","status","error","headers"}}.
 */
@ServerEndpoint(value = "/v1/stream", configurator = StreamSocketHandshake.class)
public class StreamSocket {

  /** Requests one socket may run at once; more are refused with a 429 message. */
  static final int MAX_IN_FLIGHT = 16;

  private static final int MAX_MESSAGE_CHARS = 10 * 1024 * 1024;

  // Looked up when the socket opens: the handshake creates this endpoint itself (see
  // StreamSocketHandshake), so the container does not inject it.
  private TenantAuthenticator authenticator;
  private ChatEndpoint endpoint;
  private OpenAiDialect dialect;
  private StreamLimits settings;
  private StreamTicker ticker;

  /** The key of the handshake, taken once and before the socket opened; null when none. */
  private String presentedKey;

  private boolean opened;

  synchronized void presented(String key) {
    if (!opened) {
      presentedKey = key;
    }
  }

  /** One socket's state; its maps are concurrent (streams end on upstream threads). */
  private static final class SocketState {
    final SocketSender sender;
    final Map<String, WebSocketChannel> open = new ConcurrentHashMap<>();
    volatile TenantContext tenant;

    SocketState(SocketSender sender) {
      this.sender = sender;
    }
  }

  private static final String STATE = StreamSocket.class.getName();

  @OnOpen
  public void open(Session session) {
    synchronized (this) {
      opened = true;
    }
    authenticator = CDI.current().select(TenantAuthenticator.class).get();
    endpoint = CDI.current().select(ChatEndpoint.class).get();
    dialect = CDI.current().select(OpenAiDialect.class).get();
    settings = CDI.current().select(StreamLimits.class).get();
    ticker = CDI.current().select(StreamTicker.class).get();
    session.setMaxTextMessageBufferSize(MAX_MESSAGE_CHARS);
    SocketState state = new SocketState(new SocketSender(session.getAsyncRemote()));
    session.getUserProperties().put(STATE, state);
    String presented = presentedKey;
    presentedKey = null;
    if (presented != null) {
      try {
        state.tenant = authenticator.authenticate(Optional.of(presented), address(session));
      } catch (RuntimeException refused) {
        refuse(state, null, new Exchange("/v1/stream", false), refused);
      }
    }
  }

  @OnMessage
  public void message(Session session, String text) {
    SocketState state = (SocketState) session.getUserProperties().get(STATE);
    Exchange exchange = new Exchange("/v1/stream", false);
    JsonNode message;
    try {
      message = Json.parse(text);
    } catch (JsonProcessingException e) {
      refuse(state, null, exchange, new InvalidRequestException(null, "The message is not JSON."));
      return;
    }
    String type = message.path("type").asText("");
    if ("auth".equals(type)) {
      try {
        state.tenant =
            authenticator.authenticate(
                Optional.ofNullable(message.path("key").textValue()), address(session));
        state.sender.send(Json.string(Json.object().put("type", "auth").put("ok", true)), null);
      } catch (RuntimeException refused) {
        refuse(state, null, exchange, refused);
      }
      return;
    }
    boolean enveloped = "request".equals(type);
    String id = enveloped ? message.path("id").textValue() : null;
    String tag = id != null ? id : exchange.requestId();
    JsonNode body = enveloped ? message.path("body") : message;
    if (state.tenant == null) {
      refuse(
          state,
          tag,
          exchange,
          new AuthenticationException(
              "missing_api_key",
              "Authenticate first: 'Authorization: Bearer <key>' on the handshake, or a message"
                  + " {\"type\":\"auth\",\"key\":\"<key>\"}."));
      return;
    }
    if (!(body instanceof ObjectNode object)) {
      refuse(state, tag, exchange, new InvalidRequestException(null, "The body is not an object."));
      return;
    }
    if (state.open.size() >= MAX_IN_FLIGHT || state.open.containsKey(tag)) {
      refuse(state, tag, exchange, tooMany(state.open.containsKey(tag)));
      return;
    }
    exchange.tenant(state.tenant);
    ObjectNode streamed = object.deepCopy().put("stream", true);
    ChatCall call;
    CompletionStage<ChatResult> result;
    try {
      call = endpoint.call(dialect, streamed, exchange);
      result = endpoint.run(call);
    } catch (RuntimeException refused) {
      refuse(state, tag, exchange, refused);
      return;
    }
    WebSocketChannel channel = new WebSocketChannel(state.sender, tag, exchange.requestId());
    state.open.put(tag, channel);
    ChatCall started = call;
    result.whenComplete(
        (answer, failure) -> {
          if (failure != null) {
            state.open.remove(tag);
            refuse(state, tag, exchange, failure);
          } else {
            deliver(state, tag, exchange, started, answer, channel);
          }
        });
  }

  private void deliver(
      SocketState state,
      String tag,
      Exchange exchange,
      ChatCall call,
      ChatResult answer,
      WebSocketChannel channel) {
    if (answer instanceof ChatResult.Complete complete) {
      state.open.remove(tag);
      ObjectNode message = Json.object().put("type", "response").put("id", tag);
      message.set(
          "body", Json.tryParse(dialect.writeAnswer(complete.response(), exchange)).orElse(null));
      state.sender.send(Json.string(message), null);
      done(state, tag, exchange, 200, complete.response().usage());
      return;
    }
    ChatResult.Streaming streaming = (ChatResult.Streaming) answer;
    StreamPump pump =
        new StreamPump(
            dialect.streamFormat(call.request(), exchange),
            streaming.ending(),
            settings,
            ticker,
            exchange.provider());
    channel.attach(pump);
    streaming
        .ending()
        .ended()
        .whenComplete(
            (StreamEnd end, Throwable failure) -> {
              state.open.remove(tag);
              Throwable why = failure != null ? failure : end.failure();
              int status = why == null ? 200 : GatewayError.of(why).status();
              done(state, tag, exchange, status, end == null ? null : end.usage());
            });
    pump.start(streaming.events(), channel);
  }

  private static void done(SocketState state, String tag, Exchange exchange, int status, Usage u) {
    ObjectNode message = Json.object().put("type", "done").put("id", tag).put("status", status);
    if (u != null) {
      message.set("usage", OpenAiResponseWriter.writeUsage(u));
    } else {
      message.putNull("usage");
    }
    message.set("headers", Json.MAPPER.valueToTree(GatewayHeadersFilter.of(exchange)));
    state.sender.send(Json.string(message), null);
  }

  private static void refuse(SocketState state, String tag, Exchange exchange, Throwable failure) {
    GatewayError error = GatewayError.of(failure);
    ObjectNode message = Json.object().put("type", "error").put("status", error.status());
    message.put("id", tag);
    ObjectNode fields = message.putObject("error");
    fields.put("message", error.message());
    fields.put("type", error.type());
    fields.put("param", error.param());
    fields.put("code", error.code());
    message.set("headers", Json.MAPPER.valueToTree(GatewayHeadersFilter.of(exchange)));
    state.sender.send(Json.string(message), null);
  }

  private static RuntimeException tooMany(boolean duplicate) {
    return duplicate
        ? new InvalidRequestException("id", "A request with this id is still running.")
        : new RequestRefusedException(
            429,
            "rate_limit_error",
            "too_many_streams_on_socket",
            null,
            "At most " + MAX_IN_FLIGHT + " requests run at once on one socket.",
            1);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    SocketState state = (SocketState) session.getUserProperties().get(STATE);
    if (state != null) {
      state.open.values().forEach(WebSocketChannel::socketClosed);
    }
  }

  /** Failed-authentication throttling is per socket: the handshake does not give the address. */
  private static String address(Session session) {
    return "websocket:" + session.getId();
  }
}
