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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An SSE response written through the Servlet API without ever making the pump's thread wait on a
 * client. The request must be in asynchronous mode (JAX-RS started it for the resource's stage).
 *
 * <p>Why the writes run on a container thread of their own: Open Liberty (26.0.0.x) accepts a
 * {@link WriteListener} but its {@code ServletOutputStream} still writes synchronously. {@code
 * write} reaches {@code HttpOutputStreamImpl.writeToBuffers}, which flushes a full buffer with a
 * blocking socket write, and so does {@code flush()} ({@code HttpOutputStreamEE7} has an
 * asynchronous path, but {@code write} never takes it), so {@code isReady()} stays true and a write
 * into the socket of a client that stopped reading waits until the client reads or the HTTP
 * endpoint's {@code writeTimeout} expires. Done inline, that wait would hold the thread that
 * brought the upstream's event: one of the upstream client's few callback threads, which every
 * other stream needs. So {@link #send} only queues, {@link #flush} hands the queue to one writer
 * task on the container's executor ({@link AsyncContext#start}, a pool that grows), and {@link
 * #isReady} is false while that task runs: the pump's own buffer bound and stall limit then see a
 * client that does not read, and drop it on time, whatever the blocked writer is doing.
 *
 * <p>One exception, for the time to first byte: the response's first {@value #INLINE_BYTES} bytes
 * (the status line, the headers and the first events) are written on the flushing thread, and a
 * response that ends within them (most answers) is also ended there. A write waits only when the
 * connection's send buffer is full, and the kernel's alone holds more than that before the client
 * has read anything; the hand-off to a writer task was most of what the gateway added before the
 * first byte.
 */
public final class ServletSseChannel implements ClientChannel, WriteListener, AsyncListener {

  static final int INLINE_BYTES = 8192;

  private final AsyncContext async;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicBoolean completed = new AtomicBoolean();
  private final AtomicBoolean dropped = new AtomicBoolean();
  // What the pump sent since the writer last ran: at most its buffer bound and one event.
  private final Queue<byte[]> pending = new ConcurrentLinkedQueue<>();
  // Bytes sent so far (pump's thread): the response's first INLINE_BYTES are written inline.
  private long sentBytes;
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

  /** Whether the pump may send: not while the writer is still pushing the last batch. */
  @Override
  public boolean isReady() {
    return !closed.get() && !writing.get();
  }

  @Override
  public void send(String text) {
    byte[] block = text.getBytes(StandardCharsets.UTF_8);
    sentBytes += block.length;
    pending.add(block);
  }

  /**
   * Hands what was sent to the writer; the first one also carries the status line and headers.
   * Within the response's first {@value #INLINE_BYTES} bytes, writes it here instead.
   */
  @Override
  public void flush() {
    writeHereOrHandOff();
  }

  /**
   * Ends the response once the writer wrote what was sent; a response still within its first
   * {@value #INLINE_BYTES} bytes (a short answer) ends here, without a writer task.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      writeHereOrHandOff();
    }
  }

  /**
   * A client dropped while a write to it waits gets nothing more: what was queued for it is
   * discarded, and the response ends when that write returns (the client read, or the endpoint's
   * write timeout failed it).
   */
  @Override
  public void drop() {
    dropped.set(true);
    pending.clear();
    close();
  }

  /** Within the response's first bytes, on this thread (unless a writer runs); else a writer. */
  private void writeHereOrHandOff() {
    if (sentBytes <= INLINE_BYTES && writing.compareAndSet(false, true)) {
      write();
    } else {
      startWriter();
    }
  }

  private void startWriter() {
    if (writing.compareAndSet(false, true)) {
      try {
        async.start(this::write);
      } catch (IllegalStateException alreadyEnded) {
        // The container ended the request itself (the connection failed).
        completed.set(true);
        gone();
      }
    }
  }

  /** The writer: on a container thread, the only place that may wait for this client. */
  private void write() {
    try {
      for (byte[] block; !dropped.get() && (block = pending.poll()) != null; ) {
        out.isReady(); // Liberty lets a thread write only right after it asked
        out.write(block);
      }
      if (!closed.get()) {
        out.isReady();
        out.flush();
      }
    } catch (IOException | RuntimeException failed) {
      // The connection failed or the container gave up on it: the client is gone.
      complete();
      gone();
      return;
    }
    writing.set(false);
    if (closed.get()) {
      complete(); // the container's end of the response flushes what is left
    } else if (!pending.isEmpty()) {
      startWriter(); // sent while this writer was finishing
    } else {
      pump.writable();
    }
  }

  private void complete() {
    if (completed.compareAndSet(false, true)) {
      try {
        async.complete();
      } catch (IllegalStateException alreadyEnded) {
        // ended by the container meanwhile (the connection failed)
      }
    }
  }

  @Override
  public void onWritePossible() {
    StreamPump current = pump;
    if (current != null) {
      current.writable();
    }
  }

  @Override
  public void onError(Throwable failure) {
    gone();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    if (!completed.get()) {
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
