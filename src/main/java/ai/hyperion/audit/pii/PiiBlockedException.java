package ai.hyperion.audit.pii;

import ai.hyperion.error.RequestRefusedException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A prompt refused because it holds data the organisation blocks: a 400 {@code pii_detected} that
 * names the detectors and counts, never the data.
 */
public class PiiBlockedException extends RequestRefusedException {

  private final Map<String, Integer> findings;

  public PiiBlockedException(Map<String, Integer> findings) {
    super(
        400,
        "invalid_request_error",
        "pii_detected",
        "messages",
        "The request contains data your organisation does not allow to be sent to a model: "
            + findings.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "))
            + ".");
    this.findings = Map.copyOf(findings);
  }

  /** Detector name → occurrences. */
  public Map<String, Integer> findings() {
    return findings;
  }
}
