package ai.hyperion.audit.settings;

import java.util.Map;
import java.util.Set;

/**
 * A change to an organisation's compliance settings (PATCH: absent fields stay as they are). {@code
 * piiMode}: LOG_ONLY, MASK or BLOCK. {@code detectors}: built-in detector names (secret, card,
 * iban, email, ssn, phone, ip_address). {@code customPatterns}: name → Java regular expression.
 * {@code requestLogRetentionDays}: 1 to 3650, or 0 for the deployment's default.
 */
public record SettingsRequest(
    String piiMode,
    Boolean restoreAnswers,
    Set<String> detectors,
    Map<String, String> customPatterns,
    Boolean logBodies,
    Integer requestLogRetentionDays) {}
