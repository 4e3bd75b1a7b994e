package ai.hyperion.stream;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's stream on a WebSocket: each SSE event block goes out as one message {@code
 * {"type":"event","id":...,"block":"data: ...\n\n"}}; the next block waits until that one was sent
 * (backpressure per request, while other requests share the socket). SSE keep-alive comments are
 * not sent (WebSocket has its own pings).
 */
public final class WebSocketChannel implements ClientChannel {

  private final SocketSender sender;
  private final String id;
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile StreamPump pump;
  private volatile boolean gone;

  public WebSocketChannel(SocketSender sender, String id) {
    this.sender = sender;
    this.id = id;
  }

  public void attach(StreamPump pump) {
    this.pump = pump;
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
    ObjectNode message = Json.object().put("type", "event").put("id", id).put("block", text);
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
