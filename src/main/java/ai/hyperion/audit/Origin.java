package ai.hyperion.audit;

/** Where an admin call came from, and what it asked for. Any part may be null when unknown. */
public record Origin(String clientAddress, String userAgent, String method, String path) {

  public static final Origin UNKNOWN = new Origin(null, null, null, null);
}
