package ai.hyperion.stream;

import java.util.Locale;

/**
 * Where a request's answer stands: still streaming from the upstream, complete, cut before its end
 * (the upstream broke off, or ran past the drain limit after the client left: what arrived is
 * kept), or failed with nothing produced.
 */
public enum RequestState {
  IN_PROGRESS,
  COMPLETED,
  INCOMPLETE,
  FAILED;

  /** The wire value ({@code in_progress}, {@code completed}, ...). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RequestState ofWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
