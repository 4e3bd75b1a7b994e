package ai.hyperion.dedicated;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Instants stored as UTC {@code LocalDateTime} (the JPA provider serialises Instant as a blob). */
final class UtcTimes {

  private UtcTimes() {}

  static LocalDateTime toUtc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** For native SQL parameters: the UTC wall-clock time as a JDBC timestamp. */
  static Timestamp timestamp(Instant instant) {
    return Timestamp.valueOf(toUtc(instant));
  }

  static Instant toInstant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
