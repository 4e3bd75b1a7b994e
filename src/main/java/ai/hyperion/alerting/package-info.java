/**
 * Anomaly alerts: per-organisation rules (spend spike or above an amount, error rate, a key used
 * from a new network, a budget's soft threshold), evaluated off the request path from the request
 * log, one alert per incident thanks to per-subject cooldowns, delivered by e-mail (Jakarta Mail)
 * and signed webhook, listed and acknowledged in the admin API.
 */
package ai.hyperion.alerting;
