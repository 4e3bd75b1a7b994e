package ai.hyperion.policy;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Reach;
import ai.hyperion.admin.Scope;
import ai.hyperion.persistence.Transactions;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Usage and cost from the ledger, aggregated over a time range by any of org, team, user, key and
 * model, and by UTC day or hour. Callers see what {@link Area#USAGE} lets them: platform admins any
 * org (or all), org admins and auditors their org, team admins their team, members their own use.
 */
public class UsageReports {

  static final int MAX_ROWS = 10_000;
  static final Map<String, String> DIMENSIONS =
      Map.of(
          "org", "r.orgId",
          "team", "r.teamId",
          "user", "r.userId",
          "key", "r.keyId",
          "model", "r.modelServed");

  private final Transactions transactions;
  private final Clock clock;

  public UsageReports(Transactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What to report: every field but the range is optional. */
  public record Query(
      String orgId,
      String from,
      String to,
      String groupBy,
      String bucket,
      String teamId,
      String userId,
      String keyId,
      String model) {}

  /** One group: its dimension values (absent when not grouped by them) and the sums. */
  public record Row(
      Map<String, String> group,
      long requests,
      long promptTokens,
      long completionTokens,
      long cachedTokens,
      BigDecimal costUsd) {}

  public record Report(
      Instant from,
      Instant to,
      List<String> groupBy,
      String bucket,
      List<Row> rows,
      Row totals,
      boolean truncated) {}

  public Report report(Caller caller, Query query) {
    FieldErrors errors = new FieldErrors();
    Instant to = instant(errors, "to", query.to(), clock.instant());
    Instant from = instant(errors, "from", query.from(), to.minus(Duration.ofDays(7)));
    if (!from.isBefore(to)) {
      errors.add("from", "must be before 'to'");
    }
    List<String> dims = new ArrayList<>();
    if (query.groupBy() != null && !query.groupBy().isBlank()) {
      for (String raw : query.groupBy().split(",")) {
        String dim = raw.trim().toLowerCase(Locale.ROOT);
        if (!DIMENSIONS.containsKey(dim)) {
          errors.add("groupBy", "must list some of org, team, user, key, model");
        } else if (!dims.contains(dim)) {
          dims.add(dim);
        }
      }
    }
    String bucket =
        query.bucket() == null || query.bucket().isBlank()
            ? "none"
            : query.bucket().trim().toLowerCase(Locale.ROOT);
    if (!List.of("none", "day", "hour").contains(bucket)) {
      errors.add("bucket", "must be day, hour or none");
    }
    errors.throwIfAny();

    Map<String, Object> filters = new LinkedHashMap<>();
    Reach reach = AccessPolicy.reach(caller.role(), Area.USAGE, Access.READ);
    String org = query.orgId();
    if (org == null && reach != Reach.ALL) {
      org = caller.orgId();
    }
    if (org != null) {
      if (!reach.covers(caller, new Scope(org, caller.teamId(), caller.userId()))) {
        throw AdminApiException.forbidden(caller.role(), Access.READ, Area.USAGE);
      }
      filters.put("orgId", org);
    }
    filters.put("teamId", reach == Reach.OWN_TEAM ? caller.teamId() : query.teamId());
    filters.put("userId", reach == Reach.OWN_USER ? caller.userId() : query.userId());
    filters.put("keyId", query.keyId());
    filters.put("modelServed", query.model());

    List<String> columns = new ArrayList<>();
    dims.forEach(d -> columns.add(DIMENSIONS.get(d)));
    if (!bucket.equals("none")) {
      columns.add(bucket.equals("day") ? "r.dayUtc" : "r.hourUtc");
    }
    StringBuilder jpql = new StringBuilder("select ");
    columns.forEach(c -> jpql.append(c).append(", "));
    jpql.append(
        "count(r), sum(r.promptTokens), sum(r.completionTokens), sum(r.cachedTokens),"
            + " sum(r.costUsd) from UsageRecord r where r.occurredAt >= :from and r.occurredAt <"
            + " :to");
    filters.forEach(
        (field, value) -> {
          if (value != null) {
            jpql.append(" and r.").append(field).append(" = :").append(field);
          }
        });
    if (!columns.isEmpty()) {
      String list = String.join(", ", columns);
      jpql.append(" group by ").append(list).append(" order by ").append(list);
    }
    List<String> groupNames = new ArrayList<>(dims);
    if (!bucket.equals("none")) {
      groupNames.add(bucket);
    }
    List<Object[]> results =
        transactions.inTransaction(
            em -> {
              TypedQuery<Object[]> q = em.createQuery(jpql.toString(), Object[].class);
              q.setParameter("from", LocalDateTime.ofInstant(from, ZoneOffset.UTC));
              q.setParameter("to", LocalDateTime.ofInstant(to, ZoneOffset.UTC));
              filters.forEach(
                  (field, value) -> {
                    if (value != null) {
                      q.setParameter(field, value);
                    }
                  });
              return q.setMaxResults(MAX_ROWS + 1).getResultList();
            });
    boolean truncated = results.size() > MAX_ROWS;
    List<Row> rows = new ArrayList<>();
    long requests = 0;
    long prompt = 0;
    long completion = 0;
    long cached = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (Object[] result : results.subList(0, Math.min(MAX_ROWS, results.size()))) {
      Map<String, String> group = new LinkedHashMap<>();
      for (int i = 0; i < groupNames.size(); i++) {
        group.put(groupNames.get(i), text(result[i]));
      }
      int n = groupNames.size();
      Row row =
          new Row(
              group,
              number(result[n]),
              number(result[n + 1]),
              number(result[n + 2]),
              number(result[n + 3]),
              decimal(result[n + 4]));
      if (row.requests() == 0) {
        continue;
      }
      rows.add(row);
      requests += row.requests();
      prompt += row.promptTokens();
      completion += row.completionTokens();
      cached += row.cachedTokens();
      cost = cost.add(row.costUsd());
    }
    Row totals = new Row(Map.of(), requests, prompt, completion, cached, cost);
    return new Report(from, to, List.copyOf(dims), bucket, rows, totals, truncated);
  }

  /** The report as CSV: one column per group dimension, then the sums; a header line first. */
  public static String csv(Report report) {
    List<String> header = new ArrayList<>(report.groupBy());
    if (!report.bucket().equals("none")) {
      header.add(report.bucket());
    }
    StringBuilder out = new StringBuilder();
    List<String> names = new ArrayList<>(header);
    header.addAll(
        List.of("requests", "prompt_tokens", "completion_tokens", "cached_tokens", "cost_usd"));
    out.append(String.join(",", header)).append("\r\n");
    for (Row row : report.rows()) {
      List<String> cells = new ArrayList<>();
      names.forEach(name -> cells.add(cell(row.group().get(name))));
      cells.add(Long.toString(row.requests()));
      cells.add(Long.toString(row.promptTokens()));
      cells.add(Long.toString(row.completionTokens()));
      cells.add(Long.toString(row.cachedTokens()));
      cells.add(row.costUsd().toPlainString());
      out.append(String.join(",", cells)).append("\r\n");
    }
    return out.toString();
  }

  /** Quotes when needed; a leading =, +, - or @ is neutralised so spreadsheets do not run it. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = value;
    if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      safe = "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
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

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime time) {
      return time.toInstant(ZoneOffset.UTC).toString();
    }
    return value.toString();
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static BigDecimal decimal(Object value) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
  }
}
