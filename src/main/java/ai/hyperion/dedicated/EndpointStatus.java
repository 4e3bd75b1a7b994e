package ai.hyperion.dedicated;

import java.util.Locale;

/**
 * Where a dedicated endpoint is in its life.
 *
 * <pre>
 * building ──▶ up ──idle──▶ sleeping ──request──▶ waking_up ──▶ up
 *    │          │                                     │
 *    └──▶ failed ◀──────────(crash, timeout)──────────┘
 * any ──DELETE──▶ deleting ──▶ gone
 * </pre>
 */
public enum EndpointStatus {
  BUILDING,
  UP,
  SLEEPING,
  WAKING_UP,
  FAILED,
  DELETING;

  /** The API's name: {@code building}, {@code waking_up}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** States in which the GPUs are held, and billed. */
  public boolean billed() {
    return this == UP || this == WAKING_UP;
  }

  /** States in which a server is being started and requests wait for it. */
  public boolean starting() {
    return this == BUILDING || this == WAKING_UP;
  }
}
