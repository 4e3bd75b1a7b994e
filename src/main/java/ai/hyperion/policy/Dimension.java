package ai.hyperion.policy;

/** What a limit counts. */
public enum Dimension {
  REQUESTS("requests per minute"),
  TOKENS("tokens per minute"),
  CONCURRENCY("concurrent requests"),
  BUDGET("budget");

  private final String label;

  Dimension(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
