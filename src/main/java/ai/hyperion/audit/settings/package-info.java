/**
 * Per-organisation compliance settings (PII mode and detectors, own patterns, whether request
 * bodies are logged, request-log retention), their admin API, and the cluster-wide cache the data
 * plane reads them from ({@link ai.hyperion.audit.settings.CompliancePolicies}).
 */
package ai.hyperion.audit.settings;
