/**
 * The PII stage of the data-plane pipeline: applies each organisation's PII policy to chat prompts
 * before they reach the cache and the upstream (mask with placeholders and restore in the answer,
 * or block), and keeps the prompt as sent for the request log.
 */
package ai.hyperion.audit.guard;
