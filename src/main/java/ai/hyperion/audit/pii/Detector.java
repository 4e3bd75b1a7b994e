package ai.hyperion.audit.pii;

import java.util.List;

/** Finds one kind of sensitive data in text. Implementations are stateless and thread-safe. */
public interface Detector {

  /** The name shown in block errors, placeholders and metrics ({@code email}, {@code card}). */
  String name();

  /** Adds every occurrence in {@code text} to {@code into}. */
  void find(String text, List<Finding> into);
}
