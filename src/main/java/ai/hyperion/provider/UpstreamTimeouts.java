package ai.hyperion.provider;

import java.time.Duration;

/**
 * How long each part of an upstream call may take: {@code firstByte} until the response headers,
 * {@code idle} between two reads of the body, {@code total} for a whole non-streamed answer (error
 * bodies included) and {@code streamTotal} for a whole stream. The JDK client's own request timeout
 * covers the headers only, so the body limits are enforced by {@link BoundedBody}.
 */
public record UpstreamTimeouts(
    Duration firstByte, Duration idle, Duration total, Duration streamTotal) {

  /** The longest wait between two reads when the provider sets none (as for client streams). */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(300);

  /** The longest stream when the provider's whole-answer timeout is shorter. */
  public static final Duration DEFAULT_STREAM_TOTAL = Duration.ofMinutes(30);

  public UpstreamTimeouts {
    if (firstByte.compareTo(total) > 0) {
      firstByte = total;
    }
  }

  /** Limits derived from one whole-answer timeout, as before the finer ones were configured. */
  public static UpstreamTimeouts of(Duration total) {
    return of(total, null, null);
  }

  /** {@code firstByte} and {@code idle} may be null (derived from {@code total}). */
  public static UpstreamTimeouts of(Duration total, Duration firstByte, Duration idle) {
    return new UpstreamTimeouts(
        firstByte == null ? total : firstByte,
        idle == null ? min(total, DEFAULT_IDLE) : idle,
        total,
        total.compareTo(DEFAULT_STREAM_TOTAL) > 0 ? total : DEFAULT_STREAM_TOTAL);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
