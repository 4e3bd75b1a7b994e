package ai.hyperion.stream;

import java.time.Duration;

/**
 * How the gateway writes streams to clients (MicroProfile Config, {@code hyperion.stream.*}):
 * {@code keepAlive} — an SSE comment after this long without a byte to the client; {@code
 * firstEvent} — longest wait for the upstream's first event; {@code idle} — longest wait for any
 * later event while the gateway is asking for one; {@code total} — longest stream; {@code
 * clientStall} — longest a client may leave its buffered bytes unread before it is treated as gone;
 * {@code bufferBytes} — bytes buffered per stream before the upstream read pauses.
 */
public record StreamLimits(
    Duration keepAlive,
    Duration firstEvent,
    Duration idle,
    Duration total,
    Duration clientStall,
    int bufferBytes) {

  /** The shipped defaults (also those of microprofile-config.properties). */
  public static StreamLimits defaults() {
    return new StreamLimits(
        Duration.ofSeconds(15),
        Duration.ofSeconds(300),
        Duration.ofSeconds(300),
        Duration.ofMinutes(30),
        Duration.ofSeconds(30),
        64 * 1024);
  }
}
