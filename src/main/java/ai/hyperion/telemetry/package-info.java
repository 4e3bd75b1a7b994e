/**
 * Observability of the data plane: Prometheus metrics through MicroProfile Metrics (stage and
 * upstream latency, upstream statuses, cache outcomes, limit rejections), fed from the one
 * completion event per request; and OpenTelemetry traces through MicroProfile Telemetry (a span per
 * request, per stage and per upstream attempt), off unless configured.
 */
package ai.hyperion.telemetry;
