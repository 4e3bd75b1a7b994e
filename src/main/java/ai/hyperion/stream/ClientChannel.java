package ai.hyperion.stream;

import java.io.IOException;

/**
 * Where a {@link StreamPump} writes: an SSE response or a WebSocket session. Calls come from the
 * pump's drain loop, one at a time. A channel that is not ready calls {@link StreamPump#writable()}
 * once it is again, and {@link StreamPump#clientGone()} when the client went away.
 */
public interface ClientChannel {

  /** Whether {@link #send} may be called now without blocking. */
  boolean isReady();

  /** Sends one block of text (an SSE event block, a WebSocket message); never blocks. */
  void send(String text) throws IOException;

  /** Pushes what was sent to the client; never blocks. Not called unless {@link #isReady()}. */
  void flush() throws IOException;

  /** The stream is over: ends the response (or, on a WebSocket, nothing: the socket stays). */
  void close();

  /**
   * The client is dropped (it stopped reading): nothing more is sent to it, not even what was sent
   * but not yet written, and the response ends.
   */
  default void drop() {
    close();
  }
}
