package ai.hyperion.provider;

/** Why the model stopped, in OpenAI's vocabulary. */
public enum FinishReason {
  STOP("stop"),
  LENGTH("length"),
  TOOL_CALLS("tool_calls"),
  CONTENT_FILTER("content_filter"),
  FUNCTION_CALL("function_call");

  private final String wireName;

  FinishReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static FinishReason fromWire(String name) {
    if (name == null) {
      return null;
    }
    for (FinishReason reason : values()) {
      if (reason.wireName.equals(name)) {
        return reason;
      }
    }
    return STOP;
  }
}
