package ai.hyperion.dedicated;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Reach;
import ai.hyperion.admin.Scope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an organisation's dedicated endpoints cost in GPU time over a period: the GPU-time spans
 * (status {@code up} or {@code waking_up}) clipped to [from, to), summed per endpoint and, on
 * request, per UTC day. An open span counts up to {@code to} (or now). Readers are those of usage
 * ({@link Area#USAGE}): the organisation's admins and auditors, team admins for their team's
 * endpoints; members are refused, since GPU time belongs to an endpoint, not to a user.
 */
public class GpuUsageReports {

  /** Longest period a report covers. */
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final EndpointStore store;

  public GpuUsageReports(EndpointStore store) {
    this.store = store;
  }

  /** What to report: every field but the organisation is optional. */
  public record Query(
      String orgId, String from, String to, String bucket, String teamId, String endpointId) {}

  /**
   * One endpoint's GPU time, for the whole period or one UTC day ({@code day} null when not
   * bucketed); {@code gpuHours} = hours × GPUs × replicas, {@code costUsd} = GPU-hours × price.
   */
  public record Row(
      String endpointId,
      String teamId,
      String hardwareId,
      String gpuKind,
      String day,
      double gpuHours,
      BigDecimal costUsd) {}

  public record Report(
      String orgId,
      Instant from,
      Instant to,
      String bucket,
      List<Row> rows,
      double gpuHours,
      BigDecimal costUsd) {}

  public Report report(Caller caller, Query query) {
    FieldErrors errors = new FieldErrors();
    Instant now = store.now();
    Instant to = instant(errors, "to", query.to(), now);
    Instant from = instant(errors, "from", query.from(), to.minus(Duration.ofDays(7)));
    if (!from.isBefore(to)) {
      errors.add("from", "must be before 'to'");
    } else if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      errors.add("from", "the period may span at most " + MAX_PERIOD.toDays() + " days");
    }
    String bucket =
        query.bucket() == null || query.bucket().isBlank()
            ? "none"
            : query.bucket().trim().toLowerCase(Locale.ROOT);
    if (!bucket.equals("none") && !bucket.equals("day")) {
      errors.add("bucket", "must be day or none");
    }
    errors.throwIfAny();
    String teamId = visibleTeam(caller, query);
    // Spans still open are counted up to now, never into the future.
    Instant until = to.isAfter(now) ? now : to;
    Map<String, Row> rows = new TreeMap<>();
    for (GpuUsage span : store.gpuSpans(query.orgId(), teamId, query.endpointId(), from, until)) {
      if (bucket.equals("day")) {
        Instant day = from.truncatedTo(ChronoUnit.DAYS);
        for (; day.isBefore(until); day = day.plus(Duration.ofDays(1))) {
          Instant start = day.isBefore(from) ? from : day;
          Instant end = day.plus(Duration.ofDays(1));
          add(rows, span, day.toString().substring(0, 10), start, end.isAfter(until) ? until : end);
        }
      } else {
        add(rows, span, null, from, until);
      }
    }
    List<Row> list = rows.values().stream().filter(row -> row.gpuHours() > 0).toList();
    double hours = list.stream().mapToDouble(Row::gpuHours).sum();
    BigDecimal cost = list.stream().map(Row::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Report(
        query.orgId(),
        from,
        to,
        bucket,
        list.stream().map(GpuUsageReports::rounded).toList(),
        round(hours),
        cost.setScale(6, RoundingMode.HALF_UP));
  }

  /** The team the caller may see (null: the whole organisation), or 403. */
  private static String visibleTeam(Caller caller, Query query) {
    Reach reach = AccessPolicy.reach(caller.role(), Area.USAGE, Access.READ);
    if (reach == Reach.ALL || reach == Reach.OWN_ORG) {
      AccessPolicy.require(
          caller, Area.USAGE, Access.READ, new Scope(query.orgId(), query.teamId(), null));
      return query.teamId();
    }
    if (reach == Reach.OWN_TEAM
        && caller.teamId() != null
        && (query.teamId() == null || query.teamId().equals(caller.teamId()))) {
      AccessPolicy.require(
          caller, Area.USAGE, Access.READ, new Scope(query.orgId(), caller.teamId(), null));
      return caller.teamId();
    }
    throw AdminApiException.forbidden(caller.role(), Access.READ, Area.USAGE);
  }

  private static void add(
      Map<String, Row> rows, GpuUsage span, String day, Instant from, Instant to) {
    double hours = span.gpuHoursBetween(from, to);
    if (hours <= 0) {
      return;
    }
    BigDecimal cost = BigDecimal.valueOf(hours * span.gpuPricePerHour());
    rows.merge(
        span.endpointId() + "|" + (day == null ? "" : day),
        new Row(
            span.endpointId(), span.teamId(), span.hardwareId(), span.gpuKind(), day, hours, cost),
        (a, b) ->
            new Row(
                a.endpointId(),
                a.teamId(),
                a.hardwareId(),
                a.gpuKind(),
                day,
                a.gpuHours() + b.gpuHours(),
                a.costUsd().add(b.costUsd())));
  }

  private static Row rounded(Row row) {
    return new Row(
        row.endpointId(),
        row.teamId(),
        row.hardwareId(),
        row.gpuKind(),
        row.day(),
        round(row.gpuHours()),
        row.costUsd().setScale(6, RoundingMode.HALF_UP));
  }

  private static double round(double value) {
    return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
  }

  private static Instant instant(FieldErrors errors, String field, String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(
          field, "must be a date (2030-01-31) or an ISO-8601 instant (2030-01-31T00:00:00Z)");
      return fallback;
    }
  }
}
