package ai.hyperion.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

/**
 * How often a budget starts again: calendar days, ISO weeks (from Monday) and months in the
 * budget's time zone, or never ({@code TOTAL}).
 */
public enum BudgetPeriod {
  DAY,
  WEEK,
  MONTH,
  TOTAL;

  private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  /** One occurrence of a period: a stable key for counters, and its bounds. */
  public record Window(String key, Instant start, Instant end) {

    /** Whole seconds until the window ends, at least 1; a day for a period that never ends. */
    public long secondsLeft(Instant now) {
      if (end == null) {
        return 86_400;
      }
      return Math.max(1, (end.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    }
  }

  public Window window(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    return switch (this) {
      case DAY -> window(today, today.plusDays(1), zone, DateTimeFormatter.ISO_LOCAL_DATE);
      case WEEK -> {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield window(monday, monday.plusWeeks(1), zone, DateTimeFormatter.ISO_LOCAL_DATE);
      }
      case MONTH -> {
        LocalDate first = today.withDayOfMonth(1);
        yield window(first, first.plusMonths(1), zone, YEAR_MONTH);
      }
      case TOTAL -> new Window("total", null, null);
    };
  }

  private Window window(LocalDate from, LocalDate to, ZoneId zone, DateTimeFormatter format) {
    ZonedDateTime start = from.atStartOfDay(zone);
    ZonedDateTime end = to.atStartOfDay(zone);
    return new Window(
        name().charAt(0) + ":" + format.format(from), start.toInstant(), end.toInstant());
  }
}
