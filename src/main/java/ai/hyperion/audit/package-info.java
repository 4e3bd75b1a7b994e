/**
 * Compliance: the admin audit trail (append-only, hash-chained per organisation, verified on
 * demand), its search and export, and the shared pieces the request log ({@code audit.log}), PII
 * redaction ({@code audit.pii}) and per-org compliance settings ({@code audit.settings}) build on.
 */
package ai.hyperion.audit;
