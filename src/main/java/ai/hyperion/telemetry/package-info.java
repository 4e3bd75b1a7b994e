/**
 * Observability of the data plane: Prometheus metrics through MicroProfile Metrics (stage and
 * upstream latency, upstream statuses, cache outcomes, limit rejections) and OpenTelemetry traces
 * through MicroProfile Telemetry, both fed from the one completion event per request.
 */
package ai.hyperion.telemetry;
