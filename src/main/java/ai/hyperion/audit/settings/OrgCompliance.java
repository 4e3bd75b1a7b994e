package ai.hyperion.audit.settings;

import ai.hyperion.audit.pii.CustomPattern;
import ai.hyperion.audit.pii.Detector;
import ai.hyperion.audit.pii.Detectors;
import ai.hyperion.audit.pii.PiiMode;
import ai.hyperion.audit.pii.PiiPolicy;
import ai.hyperion.audit.pii.PiiScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What the data plane applies for one organisation, compiled from its settings: the PII policy
 * (mode, detectors with the org's own patterns), whether bodies are logged, and retention.
 */
public record OrgCompliance(
    String orgId, PiiPolicy pii, boolean logBodies, Integer requestLogRetentionDays) {

  private static final Logger LOG = Logger.getLogger(OrgCompliance.class.getName());

  static OrgCompliance compile(SettingsView view) {
    List<Detector> detectors = new ArrayList<>();
    for (String name : Detectors.NAMES) {
      if (view.detectors().contains(name)) {
        detectors.add(Detectors.builtIn(name));
      }
    }
    view.customPatterns()
        .forEach(
            (name, regex) -> {
              try {
                detectors.add(CustomPattern.of(name, regex));
              } catch (IllegalArgumentException e) {
                // Validated when saved; a row edited by hand is skipped, not fatal.
                LOG.warning(
                    () ->
                        "Org "
                            + view.orgId()
                            + ": custom pattern "
                            + name
                            + " skipped: "
                            + e.getMessage());
              }
            });
    return new OrgCompliance(
        view.orgId(),
        new PiiPolicy(
            PiiMode.valueOf(view.piiMode()), view.restoreAnswers(), new PiiScanner(detectors)),
        view.logBodies(),
        view.requestLogRetentionDays());
  }
}
