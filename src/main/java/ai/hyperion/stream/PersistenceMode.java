package ai.hyperion.stream;

import java.util.Locale;

/** Which answers an organisation keeps for {@code GET /v1/requests/{id}}. */
public enum PersistenceMode {
  /** Every chat answer, streamed or not. */
  ALWAYS,
  /** Only streams whose client went away before the end (the answer it would otherwise lose). */
  ON_DISCONNECT,
  /** None. */
  NEVER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code always}, {@code on-disconnect} (or {@code on_disconnect}), {@code never}. */
  public static PersistenceMode ofWire(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  public boolean keeps(boolean clientDisconnected) {
    return this == ALWAYS || (this == ON_DISCONNECT && clientDisconnected);
  }
}
