package ai.hyperion.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.RouteMode;
import org.junit.jupiter.api.Test;

/** The metric labels read from errors and cache details only ever take their fixed values. */
class LimitRejectionTest {

  @Test
  void policyRefusalsMapToLimitAndLevel() {
    assertEquals(
        new LimitRejection("rpm", "key"),
        LimitRejection.of(
            "rate_limit_exceeded",
            "Rate limit reached for requests per minute on your key (k1): limit 5, used 5."));
    assertEquals(
        new LimitRejection("tpm", "team"),
        LimitRejection.of(
            "rate_limit_exceeded", "Rate limit reached for tokens per minute on your team (t)."));
    assertEquals(
        new LimitRejection("concurrency", "org"),
        LimitRejection.of(
            "rate_limit_exceeded", "Too many concurrent requests on your organisation (o)."));
    assertEquals(
        new LimitRejection("budget", "user"),
        LimitRejection.of("budget_exceeded", "Budget 'b' of your user would be exceeded"));
    assertEquals(
        new LimitRejection("unknown", "unknown"),
        LimitRejection.of("something_else", "free text with {labels} and \"quotes\""));
    assertEquals(new LimitRejection("unknown", "unknown"), LimitRejection.of(null, null));
  }

  @Test
  void upstreamStatusesAndCacheTiersAreBounded() {
    assertEquals("200", PipelineMetrics.status(attempt(200, null)));
    assertEquals("timeout", PipelineMetrics.status(attempt(504, "upstream_timeout")));
    assertEquals("timeout", PipelineMetrics.status(attempt(504, "upstream_idle_timeout")));
    assertEquals("connect_error", PipelineMetrics.status(attempt(502, "upstream_unreachable")));
    assertEquals("semantic", PipelineMetrics.tier("tier=semantic; similarity=0.953; ttl=3600"));
    assertEquals("exact", PipelineMetrics.tier("tier=exact; ttl=600; age=4"));
    assertEquals("none", PipelineMetrics.tier(null));
    assertEquals("none", PipelineMetrics.tier("tier=whatever"));
  }

  private static AttemptRecord attempt(int status, String code) {
    return new AttemptRecord("openai", "gpt-4o", RouteMode.PASSTHROUGH, status, code, 1_000);
  }
}
