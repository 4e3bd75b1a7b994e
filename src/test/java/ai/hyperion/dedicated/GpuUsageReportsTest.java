package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import ai.hyperion.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GPU-time cost per organisation and period from stored spans: clipping to the period, open spans
 * counted up to now, day buckets split at midnight UTC, and who may read it.
 */
class GpuUsageReportsTest {

  private static final HardwareConfig L4 =
      new HardwareConfig("l4-24gb", "nvidia-l4", 24.0, 8, 0.80, Map.of());
  private static final Instant NOW = Instant.parse("2030-01-02T12:00:00Z");

  private final TestDatabase db = TestDatabase.derby();
  private final EndpointStore store = new EndpointStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
  private final GpuUsageReports reports = new GpuUsageReports(store);

  private final Caller orgAdmin = new Caller("u-admin", "acme", null, UserRole.ORG_ADMIN);
  private final String twoGpus =
      span("acme", "alpha", 2, "2030-01-01T22:00:00Z", "2030-01-02T02:00:00Z");
  private final String stillUp = span("acme", null, 1, "2030-01-02T10:00:00Z", null);

  {
    span("globex", null, 1, "2030-01-02T00:00:00Z", "2030-01-02T01:00:00Z");
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  /** Stores one GPU-time span of a new endpoint and returns the endpoint's id. */
  private String span(String org, String team, int gpus, String start, String end) {
    DedicatedEndpoint endpoint =
        new DedicatedEndpoint(
            org,
            team,
            "u-owner",
            "acme/model-8b",
            new Sizing(
                L4, gpus, Dtype.AUTO, 4096, 1, 16, 2, 20, 0.80 * gpus, ModelFacts.Basis.NAME),
            List.of(),
            "local",
            Instant.parse(start));
    GpuUsage usage = new GpuUsage(endpoint, Instant.parse(start));
    if (end != null) {
      usage.end(Instant.parse(end));
    }
    db.inTransaction(
        em -> {
          em.persist(usage);
          return null;
        });
    return endpoint.id();
  }

  private GpuUsageReports.Report report(Caller caller, String from, String to, String bucket) {
    return reports.report(caller, new GpuUsageReports.Query("acme", from, to, bucket, null, null));
  }

  @Test
  void spansAreSummedPerEndpointClippedToThePeriodAndOpenOnesCountUntilNow() {
    GpuUsageReports.Report report = report(orgAdmin, "2030-01-01", "2030-01-03", null);

    assertEquals(2, report.rows().size(), report.toString());
    GpuUsageReports.Row first = row(report, twoGpus, null);
    assertEquals(8.0, first.gpuHours(), 1e-9, "4 hours on 2 GPUs");
    assertEquals(new BigDecimal("6.400000"), first.costUsd());
    assertEquals("alpha", first.teamId());
    assertEquals("nvidia-l4", first.gpuKind());
    GpuUsageReports.Row open = row(report, stillUp, null);
    assertEquals(2.0, open.gpuHours(), 1e-9, "up since 10:00, now is 12:00");
    assertEquals(10.0, report.gpuHours(), 1e-9);
    assertEquals(new BigDecimal("8.000000"), report.costUsd());

    GpuUsageReports.Report secondDay = report(orgAdmin, "2030-01-02", "2030-01-03", null);
    assertEquals(4.0, row(secondDay, twoGpus, null).gpuHours(), 1e-9, "from midnight on");
  }

  @Test
  void dayBucketsSplitASpanAtMidnightUtc() {
    GpuUsageReports.Report report = report(orgAdmin, "2030-01-01", "2030-01-03", "day");

    assertEquals(4.0, row(report, twoGpus, "2030-01-01").gpuHours(), 1e-9);
    assertEquals(new BigDecimal("3.200000"), row(report, twoGpus, "2030-01-01").costUsd());
    assertEquals(4.0, row(report, twoGpus, "2030-01-02").gpuHours(), 1e-9);
    assertEquals(2.0, row(report, stillUp, "2030-01-02").gpuHours(), 1e-9);
    assertEquals(3, report.rows().size(), report.toString());
    assertEquals(new BigDecimal("8.000000"), report.costUsd());
  }

  @Test
  void teamAdminsSeeTheirTeamAndMembersAndOtherOrganisationsNothing() {
    Caller lead = new Caller("u-lead", "acme", "alpha", UserRole.TEAM_ADMIN);
    GpuUsageReports.Report team = report(lead, "2030-01-01", "2030-01-03", null);
    assertEquals(List.of(twoGpus), team.rows().stream().map(r -> r.endpointId()).toList());

    Caller member = new Caller("u-dev", "acme", "alpha", UserRole.MEMBER);
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> report(member, null, null, null)).status());
    Caller rival = new Caller("u-boss", "globex", null, UserRole.ORG_ADMIN);
    assertEquals(
        403, assertThrows(AdminApiException.class, () -> report(rival, null, null, null)).status());
    Caller auditor = new Caller("u-audit", "acme", null, UserRole.AUDITOR);
    assertEquals(2, report(auditor, "2030-01-01", "2030-01-03", null).rows().size());
  }

  @Test
  void badPeriodsAndBucketsNameTheirField() {
    AdminApiException bucket =
        assertThrows(AdminApiException.class, () -> report(orgAdmin, null, null, "week"));
    assertEquals("bucket", bucket.param());
    AdminApiException reversed =
        assertThrows(
            AdminApiException.class, () -> report(orgAdmin, "2030-01-03", "2030-01-01", null));
    assertEquals("from", reversed.param());
    AdminApiException notADate =
        assertThrows(AdminApiException.class, () -> report(orgAdmin, "yesterday", null, null));
    assertEquals("from", notADate.param());
    AdminApiException tooLong =
        assertThrows(
            AdminApiException.class, () -> report(orgAdmin, "2028-01-01", "2030-01-01", null));
    assertEquals(400, tooLong.status());
  }

  private static GpuUsageReports.Row row(GpuUsageReports.Report report, String id, String day) {
    return report.rows().stream()
        .filter(r -> r.endpointId().equals(id) && Objects.equals(r.day(), day))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " " + day + " in " + report));
  }
}
