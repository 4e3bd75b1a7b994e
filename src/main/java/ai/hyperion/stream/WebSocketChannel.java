package ai.hyperion.stream;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's stream on a WebSocket: each SSE event block goes out as one message {@code
 * {"type":"event","id":...,"block":"data: ...\n\n"}}; the next block waits until that one was sent
 * (backpressure per request, while other requests share the socket). The first event message also
 * carries {@code "request_id"}, the gateway's id of the request: a client that leaves before the
 * final message (which repeats it among the headers) still knows what to fetch from {@code GET
 * /v1/requests/{id}}. SSE keep-alive comments are not sent (WebSocket has its own pings).
 */
public final class WebSocketChannel implements ClientChannel {

  private final SocketSender sender;
  private final String id;
  private final String requestId;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile StreamPump pump;
  private volatile boolean gone;
  // Written by the pump's drain loop only.
  private boolean named;

  /** {@code id} tags the messages (the client's id); {@code requestId} is the gateway's. */
  public WebSocketChannel(SocketSender sender, String id, String requestId) {
    this.sender = sender;
    this.id = id;
    this.requestId = requestId;
  }

  public void attach(StreamPump pump) {
    this.pump = pump;
    if (gone) {
      // The socket closed while the upstream was being called: the pump hears it once started.
      pump.clientGone();
    }
  }

  /** The socket closed: the pump reads the rest of the upstream and drops it. */
  public void socketClosed() {
    gone = true;
    StreamPump current = pump;
    if (current != null) {
      current.clientGone();
    }
  }

  @Override
  public boolean isReady() {
    return !gone && !pending.get();
  }

  @Override
  public void send(String text) throws IOException {
    if (gone) {
      throw new IOException("the socket is closed");
    }
    if (text.startsWith(":")) {
      return;
    }
    ObjectNode message = Json.object().put("type", "event").put("id", id);
    if (!named) {
      named = true;
      message.put("request_id", requestId);
    }
    message.put("block", text);
    pending.set(true);
    sender.send(
        Json.string(message),
        result -> {
          pending.set(false);
          if (result.isOK()) {
            pump.writable();
          } else {
            socketClosed();
          }
        });
  }

  @Override
  public void flush() {
    // each message is sent whole
  }

  @Override
  public void close() {
    // the socket outlives the request: the final message follows from the stream's end
  }
}
