/**
 * The request log: one record per data-plane request, handed over by the pipeline as a {@link
 * ai.hyperion.audit.log.RequestLogEntry} and written off the request path in batches; bodies only
 * where the org turns it on, after PII redaction; per-org retention; search and export.
 */
package ai.hyperion.audit.log;
