package ai.hyperion.pipeline;

/** The timed stages of a data-plane request, in pipeline order; names appear in Server-Timing. */
public enum Stage {
  AUTH("auth"),
  /** Finding (and waking) the dedicated endpoint a request to {@code /api/d/{id}} is for. */
  DEDICATED("dedicated"),
  POLICY("policy"),
  /** The organisation's PII policy applied to the prompt (scan, mask or block). */
  PII("pii"),
  CACHE("cache"),
  ROUTE("route"),
  UPSTREAM("upstream"),
  WRITE("write");

  private final String metricName;

  Stage(String metricName) {
    this.metricName = metricName;
  }

  public String metricName() {
    return metricName;
  }
}
