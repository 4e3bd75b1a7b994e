package ai.hyperion.audit.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a set of detectors over a text and returns what they found, in text order, without overlaps:
 * where two findings overlap the earlier one wins, then the longer, then the detector listed first
 * (secrets before cards before phones...).
 */
public final class PiiScanner {

  private final List<Detector> detectors;

  public PiiScanner(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  public static PiiScanner builtIns() {
    return new PiiScanner(Detectors.all());
  }

  public List<Detector> detectors() {
    return detectors;
  }

  public boolean isEmpty() {
    return detectors.isEmpty();
  }

  public List<Finding> scan(String text) {
    if (text == null || text.isEmpty() || detectors.isEmpty()) {
      return List.of();
    }
    List<Finding> all = new ArrayList<>();
    for (Detector detector : detectors) {
      detector.find(text, all);
    }
    if (all.size() <= 1) {
      return all;
    }
    all.sort(
        Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(this::rank));
    List<Finding> kept = new ArrayList<>(all.size());
    int end = -1;
    for (Finding finding : all) {
      if (finding.start() >= end) {
        kept.add(finding);
        end = finding.end();
      }
    }
    return kept;
  }

  private int rank(Finding finding) {
    for (int i = 0; i < detectors.size(); i++) {
      if (detectors.get(i).name().equals(finding.detector())) {
        return i;
      }
    }
    return detectors.size();
  }
}
