package ai.hyperion.stream;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends a WebSocket session's text messages one at a time (a session takes one asynchronous send at
 * a time), in the order given, whichever request's stream they belong to. Never blocks: a message
 * waits in the queue until the previous one was sent, then its callback runs.
 */
public final class SocketSender {

  private record Pending(String text, Consumer<SendResult> done) {}

  private final RemoteEndpoint.Async remote;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();

  public SocketSender(RemoteEndpoint.Async remote) {
    this.remote = remote;
  }

  /** Queues {@code text}; {@code done} (may be null) hears how its send went. */
  public void send(String text, Consumer<SendResult> done) {
    queue.add(new Pending(text, done));
    next();
  }

  private void next() {
    while (sending.compareAndSet(false, true)) {
      Pending pending = queue.poll();
      if (pending == null) {
        sending.set(false);
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      remote.sendText(
          pending.text(),
          result -> {
            sending.set(false);
            if (pending.done() != null) {
              pending.done().accept(result);
            }
            next();
          });
      return;
    }
  }
}
