package ai.hyperion.provider.sse;

import ai.hyperion.error.ProviderException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental decoder for {@code text/event-stream}: accepts LF, CR and CRLF line ends and events
 * split anywhere across reads. One instance per stream; not thread-safe (reads arrive in order). A
 * line or an event longer than {@link #MAX_EVENT_BYTES} fails the stream instead of growing the
 * heap with an upstream that never sends a line end.
 */
public final class SseDecoder {

  /** Largest line and largest event (all its data lines) accepted; far above any real chunk. */
  public static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private static final Consumer<String> IGNORE = line -> {};

  // The current line's bytes: copied in runs up to the next line end (a per-byte append on a
  // synchronized stream cost a fifth of the gateway's CPU per streamed chunk).
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean lastWasCarriageReturn;
  private String eventName;
  private StringBuilder data;
  private final Consumer<String> strayLines;

  public SseDecoder() {
    this(IGNORE);
  }

  /**
   * @param strayLines receives lines that are not SSE fields ({@code data}, {@code event}, {@code
   *     id}, {@code retry}) nor comments, which the SSE format otherwise ignores: a provider that
   *     appends a bare JSON body after its events (Gemini) reads it here.
   */
  public SseDecoder(Consumer<String> strayLines) {
    this.strayLines = strayLines;
  }

  public void feed(ByteBuffer buffer, Consumer<SseEvent> out) {
    while (buffer.hasRemaining()) {
      if (lastWasCarriageReturn && buffer.get(buffer.position()) == '\n') {
        buffer.get();
      }
      lastWasCarriageReturn = false;
      int start = buffer.position();
      int end = start;
      int limit = buffer.limit();
      while (end < limit) {
        byte b = buffer.get(end);
        if (b == '\n' || b == '\r') {
          break;
        }
        end++;
      }
      append(buffer, end - start);
      if (end < limit) {
        lastWasCarriageReturn = buffer.get() == '\r';
        endLine(out);
      }
    }
  }

  /** Moves the next {@code count} bytes of {@code buffer} to the current line. */
  private void append(ByteBuffer buffer, int count) {
    if (lineLength + count > MAX_EVENT_BYTES) {
      throw tooLong();
    }
    if (lineLength + count > line.length) {
      line =
          Arrays.copyOf(
              line, Math.min(MAX_EVENT_BYTES, Math.max(line.length * 2, lineLength + count)));
    }
    buffer.get(line, lineLength, count);
    lineLength += count;
  }

  /** Flushes an event left without its closing blank line when the stream ended. */
  public void finish(Consumer<SseEvent> out) {
    if (lineLength > 0) {
      endLine(out);
    }
    dispatch(out);
  }

  private void endLine(Consumer<SseEvent> out) {
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    if (text.isEmpty()) {
      dispatch(out);
      return;
    }
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else if (data.length() + value.length() >= MAX_EVENT_BYTES) {
          throw tooLong();
        } else {
          data.append('\n').append(value);
        }
      }
      case "event" -> eventName = value;
      case "id", "retry" -> {
        // carry nothing the gateway uses
      }
      default -> strayLines.accept(text);
    }
  }

  private static ProviderException tooLong() {
    return ProviderException.malformed(
        "upstream", "an event-stream event longer than " + MAX_EVENT_BYTES + " bytes");
  }

  private void dispatch(Consumer<SseEvent> out) {
    if (data != null) {
      out.accept(new SseEvent(eventName, data.toString()));
    }
    data = null;
    eventName = null;
  }
}
