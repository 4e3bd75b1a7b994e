package ai.hyperion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a WebSocket's text messages, whole and parsed, in arrival order. */
final class SocketInbox implements WebSocket.Listener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        messages.add(JSON.readTree(partial.toString()));
      } catch (Exception e) {
        throw new AssertionError("a message that is not JSON: " + partial, e);
      }
      partial.setLength(0);
    }
    socket.request(1);
    return null;
  }

  /** The next message; fails the test when none comes within 30 s. */
  JsonNode next() throws InterruptedException {
    JsonNode message = messages.poll(30, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no message within 30 s");
    }
    return message;
  }
}
