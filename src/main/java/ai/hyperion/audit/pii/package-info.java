/**
 * PII and secret detection over the canonical chat records: detectors (e-mail, phone, payment card
 * with Luhn, IBAN with mod-97, US SSN, IPv4/IPv6, provider keys, JWTs, private key blocks,
 * org-defined patterns), redaction for stored logs, masking of prompts with consistent placeholders
 * and their restoration in answers and streams, and blocking. Pure Java, no container.
 */
package ai.hyperion.audit.pii;
