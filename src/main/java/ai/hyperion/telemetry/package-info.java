/**
 * Observability of the data plane: Prometheus metrics through MicroProfile Metrics (stage and
 * upstream latency, upstream statuses, cache outcomes, limit rejections), fed from the one
 * completion event per request.
 */
package ai.hyperion.telemetry;
