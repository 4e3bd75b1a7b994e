package ai.hyperion.audit.settings;

import ai.hyperion.audit.pii.Detectors;
import ai.hyperion.audit.pii.PiiMode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An organisation's compliance settings as the admin API shows them and as the cluster caches them
 * (as JSON). {@code requestLogRetentionDays} null = the deployment's default.
 */
public record SettingsView(
    String orgId,
    String piiMode,
    boolean restoreAnswers,
    Set<String> detectors,
    Map<String, String> customPatterns,
    boolean logBodies,
    Integer requestLogRetentionDays) {

  public static SettingsView defaults(String orgId) {
    return new SettingsView(
        orgId,
        PiiMode.LOG_ONLY.name(),
        false,
        new TreeSet<>(Detectors.NAMES),
        Map.of(),
        false,
        null);
  }

  static SettingsView of(ComplianceSettings s) {
    return new SettingsView(
        s.orgId(),
        s.piiMode().name(),
        s.restoreAnswers(),
        new TreeSet<>(s.detectors()),
        s.customPatterns(),
        s.logBodies(),
        s.requestLogRetentionDays());
  }
}
