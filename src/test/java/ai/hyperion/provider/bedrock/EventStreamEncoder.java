package ai.hyperion.provider.bedrock;

import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Test-side writer of AWS event-stream frames with real CRCs, so the decoder is tested on the
 * framing Bedrock sends. The {@code .jsonl} fixtures hold one decoded event per line as {@code
 * {"<eventType>": payload}}; each becomes a frame with the headers Bedrock uses.
 */
public final class EventStreamEncoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventStreamEncoder() {}

  static byte[] frame(Map<String, String> headers, byte[] payload) {
    ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
    headers.forEach(
        (name, value) -> {
          byte[] n = name.getBytes(StandardCharsets.UTF_8);
          byte[] v = value.getBytes(StandardCharsets.UTF_8);
          headerBytes.write(n.length);
          headerBytes.writeBytes(n);
          headerBytes.write(7);
          headerBytes.write(v.length >> 8);
          headerBytes.write(v.length & 0xff);
          headerBytes.writeBytes(v);
        });
    byte[] h = headerBytes.toByteArray();
    int total = 16 + h.length + payload.length;
    ByteBuffer frame = ByteBuffer.allocate(total);
    frame.putInt(total).putInt(h.length);
    frame.putInt(crc(frame.array(), 0, 8));
    frame.put(h).put(payload);
    frame.putInt(crc(frame.array(), 0, total - 4));
    return frame.array();
  }

  public static byte[] event(String eventType, String payloadJson) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":event-type", eventType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "event");
    return frame(headers, payloadJson.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] exception(String exceptionType, String message) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":exception-type", exceptionType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "exception");
    return frame(headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** One frame per line of a decoded-payload fixture. */
  public static List<byte[]> fromJsonl(String resource) {
    List<byte[]> frames = new ArrayList<>();
    for (String line : Fixtures.text("bedrock/" + resource).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode event = JSON.readTree(line);
        String type = event.fieldNames().next();
        frames.add(event(type, JSON.writeValueAsString(event.get(type))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return frames;
  }

  public static byte[] concat(List<byte[]> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
