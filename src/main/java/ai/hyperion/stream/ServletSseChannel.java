package ai.hyperion.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SSE response written with Servlet non-blocking I/O: the container calls back when the socket
 * takes more ({@link WriteListener}) and when the connection fails ({@link AsyncListener}); nothing
 * here waits. The request must be in asynchronous mode (JAX-RS started it for the resource's
 * stage).
 */
public final class ServletSseChannel implements ClientChannel, WriteListener, AsyncListener {

  private final AsyncContext async;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile StreamPump pump;
  private ServletOutputStream out;

  private ServletSseChannel(AsyncContext async) {
    this.async = async;
  }

  /**
   * Readies an asynchronous request for a stream; called on the request's own thread, the only one
   * allowed to change the timeout and add listeners. The pump keeps its own time limits: the
   * container's async timeout (30 s by default) would end a long stream.
   */
  public static ServletSseChannel prepare(HttpServletRequest request) {
    ServletSseChannel channel = new ServletSseChannel(request.getAsyncContext());
    channel.async.setTimeout(0);
    channel.async.addListener(channel);
    return channel;
  }

  /**
   * Answers the request with a 200 event stream carrying {@code headers} and hands it to {@code
   * pump}, which writes the stream from then on (and ends the request). Any thread.
   */
  public void open(Map<String, String> headers, StreamPump pump) throws IOException {
    this.pump = pump;
    HttpServletResponse response = (HttpServletResponse) async.getResponse();
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    headers.forEach(response::setHeader);
    out = response.getOutputStream();
    out.setWriteListener(this);
  }

  @Override
  public boolean isReady() {
    return !closed.get() && out.isReady();
  }

  @Override
  public void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        async.complete();
      } catch (IllegalStateException alreadyEnded) {
        // The container ended the request itself (the connection failed): nothing left to end.
      }
    }
  }

  @Override
  public void onWritePossible() {
    pump.writable();
  }

  @Override
  public void onError(Throwable failure) {
    gone();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    if (!closed.get()) {
      gone();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    gone();
  }

  @Override
  public void onError(AsyncEvent event) {
    gone();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Not restarted.
  }

  /** The connection ended under us; before the stream started there is no pump to tell. */
  private void gone() {
    StreamPump current = pump;
    if (current != null) {
      current.clientGone();
    }
  }
}
