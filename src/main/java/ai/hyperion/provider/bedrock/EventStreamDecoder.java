package ai.hyperion.provider.bedrock;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.sse.ChunkDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Decodes AWS event-stream framing ({@code application/vnd.amazon.eventstream}) as the body
 * arrives. Each message: total length (4 bytes, big-endian), headers length (4), CRC32 of those 8
 * bytes (4), headers, payload, CRC32 of everything before it (4). Messages may be split across
 * reads or share one; both CRCs are checked, and a mismatch fails the stream (retryable 502).
 *
 * <p>{@code :message-type event} goes to the {@link BedrockStreamParser} by {@code :event-type};
 * {@code exception} and {@code error} messages end the stream with a mapped {@link
 * ProviderException}. One instance per stream, fed by one thread at a time.
 */
final class EventStreamDecoder implements ChunkDecoder {

  static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
  private static final int PRELUDE = 12;
  private static final int OVERHEAD = 16;

  /** AWS caps a message at 16 MiB and its headers at 128 KiB. */
  private static final int MAX_MESSAGE = 16 * 1024 * 1024;

  private static final int MAX_HEADERS = 128 * 1024;

  private final String provider;
  private final BedrockStreamParser parser;
  private byte[] buffer = new byte[8192];
  private int length;

  EventStreamDecoder(String provider, BedrockStreamParser parser) {
    this.provider = provider;
    this.parser = parser;
  }

  @Override
  public void feed(ByteBuffer bytes, Consumer<StreamEvent> out) {
    append(bytes);
    int offset = 0;
    while (length - offset >= PRELUDE) {
      int total = readInt(buffer, offset);
      int headersLength = readInt(buffer, offset + 4);
      if (crc(buffer, offset, 8) != readInt(buffer, offset + 8)) {
        throw ProviderException.malformed(provider, "event-stream prelude checksum mismatch");
      }
      if (total < OVERHEAD
          || total > MAX_MESSAGE
          || headersLength < 0
          || headersLength > MAX_HEADERS
          || headersLength > total - OVERHEAD) {
        throw ProviderException.malformed(provider, "event-stream message with impossible lengths");
      }
      if (length - offset < total) {
        break;
      }
      if (crc(buffer, offset, total - 4) != readInt(buffer, offset + total - 4)) {
        throw ProviderException.malformed(provider, "event-stream message checksum mismatch");
      }
      Map<String, String> headers = readHeaders(offset + PRELUDE, headersLength);
      int payloadStart = offset + PRELUDE + headersLength;
      byte[] payload = Arrays.copyOfRange(buffer, payloadStart, offset + total - 4);
      offset += total;
      dispatch(headers, payload, out);
    }
    if (offset > 0) {
      System.arraycopy(buffer, offset, buffer, 0, length - offset);
      length -= offset;
    }
  }

  @Override
  public void finish(Consumer<StreamEvent> out) {
    // A partial message left in the buffer is a cut stream; finished() reports it.
  }

  @Override
  public boolean finished() {
    return parser.finished();
  }

  private void dispatch(Map<String, String> headers, byte[] payload, Consumer<StreamEvent> out) {
    String messageType = headers.get(":message-type");
    if ("exception".equals(messageType)) {
      throw BedrockErrorTranslator.fromStreamException(
          provider, headers.get(":exception-type"), payload);
    }
    if ("error".equals(messageType)) {
      throw BedrockErrorTranslator.fromStreamError(
          provider, headers.get(":error-code"), headers.get(":error-message"));
    }
    if (!"event".equals(messageType)) {
      throw ProviderException.malformed(
          provider, "event-stream message of type '" + messageType + "'");
    }
    String eventType = headers.get(":event-type");
    if (eventType == null) {
      throw ProviderException.malformed(provider, "event-stream event without ':event-type'");
    }
    parser.accept(
        eventType,
        Json.tryParse(payload)
            .orElseThrow(
                () ->
                    ProviderException.malformed(
                        provider, "a '" + eventType + "' event is not JSON")),
        out);
  }

  /** Header values other than strings are skipped: Bedrock only sends strings. */
  private Map<String, String> readHeaders(int start, int headersLength) {
    Map<String, String> headers = new HashMap<>();
    int pos = start;
    int end = start + headersLength;
    while (pos < end) {
      int nameLength = buffer[pos++] & 0xff;
      requireWithin(pos + nameLength + 1, end);
      String name = new String(buffer, pos, nameLength, StandardCharsets.UTF_8);
      pos += nameLength;
      int type = buffer[pos++];
      int valueLength =
          switch (type) {
            case 0, 1 -> 0;
            case 2 -> 1;
            case 3 -> 2;
            case 4 -> 4;
            case 5, 8 -> 8;
            case 9 -> 16;
            case 6, 7 -> {
              requireWithin(pos + 2, end);
              int n = ((buffer[pos] & 0xff) << 8) | (buffer[pos + 1] & 0xff);
              pos += 2;
              yield n;
            }
            default ->
                throw ProviderException.malformed(
                    provider, "event-stream header of unknown type " + type);
          };
      requireWithin(pos + valueLength, end);
      if (type == 7) {
        headers.put(name, new String(buffer, pos, valueLength, StandardCharsets.UTF_8));
      }
      pos += valueLength;
    }
    return headers;
  }

  private void requireWithin(int position, int end) {
    if (position > end) {
      throw ProviderException.malformed(provider, "event-stream headers overrun their length");
    }
  }

  private void append(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (length + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
    }
    bytes.get(buffer, length, n);
    length += n;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static int crc(byte[] b, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(b, offset, length);
    return (int) crc.getValue();
  }
}
