package ai.hyperion.provider;

/**
 * One request's view of {@link ResumeStates}: the conversation's scope plus the wire family of the
 * adapter serving it ({@code origin}). What an adapter remembers is tagged with its family, and it
 * recalls only what its own family left, so one provider's opaque state never reaches another.
 */
public record Continuity(ResumeStates states, String scope, String origin) {

  /** A view that remembers nothing, for translators used without a store. */
  public static Continuity none(String origin) {
    return new Continuity(null, null, origin);
  }

  public void remember(String callId, String kind, String value) {
    if (states != null && callId != null && value != null && !value.isEmpty()) {
      states.put(scope, callId, new ResumeState(origin, kind, value));
    }
  }

  /** The state of this family and kind kept for a tool call, or null. */
  public String recall(String callId, String kind) {
    if (states == null || callId == null) {
      return null;
    }
    return states
        .get(scope, callId)
        .filter(s -> s.origin().equals(origin) && s.kind().equals(kind))
        .map(ResumeState::value)
        .orElse(null);
  }
}
