package ai.hyperion.api;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Statuses with their reason phrases. {@code Response.status(int)} leaves the phrase to the server,
 * and Liberty's HTTP channel knows none for 422 or 429 (its status line reads {@code 429
 * Undefined}); a status type that names the phrase avoids that wherever the runtime honours it.
 */
public final class HttpStatuses {

  private record Status(int code, String phrase) implements Response.StatusType {
    @Override
    public int getStatusCode() {
      return code;
    }

    @Override
    public Response.Status.Family getFamily() {
      return Response.Status.Family.familyOf(code);
    }

    @Override
    public String getReasonPhrase() {
      return phrase;
    }
  }

  /** Phrases that jakarta.ws.rs.core.Response.Status lacks. */
  private static final Map<Integer, String> EXTRA =
      Map.of(
          422, "Unprocessable Content",
          425, "Too Early",
          429, "Too Many Requests",
          529, "Site Overloaded");

  private HttpStatuses() {}

  public static Response.StatusType of(int code) {
    String phrase = EXTRA.get(code);
    if (phrase != null) {
      return new Status(code, phrase);
    }
    Response.Status known = Response.Status.fromStatusCode(code);
    return known != null ? known : new Status(code, "Status " + code);
  }
}
