package ai.hyperion.stream;

import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream format that names the request in the stream itself: the first event block the client
 * gets starts with the SSE comment {@code : x-hyperion-request-id req_...}, so a client that cannot
 * read response headers (a browser's EventSource) still learns the id it may fetch the answer by
 * later ({@code GET /v1/requests/{id}}). SSE readers ignore comment lines, so the events themselves
 * are unchanged.
 */
public final class IdentifiedFormat implements StreamFormat {

  private final StreamFormat format;
  private final String comment;
  private boolean named;

  public IdentifiedFormat(StreamFormat format, String requestId) {
    this.format = format;
    this.comment = comment(requestId);
  }

  /** The comment line that names a request, as it precedes the first event block. */
  public static String comment(String requestId) {
    return ": x-hyperion-request-id " + requestId + "\n";
  }

  @Override
  public List<String> write(StreamEvent event) {
    List<String> blocks = format.write(event);
    if (named || blocks.isEmpty()) {
      return blocks;
    }
    named = true;
    List<String> out = new ArrayList<>(blocks);
    out.set(0, comment + blocks.get(0));
    return out;
  }

  @Override
  public String end() {
    return named(format.end());
  }

  @Override
  public String error(GatewayError error) {
    return named(format.error(error));
  }

  private String named(String block) {
    if (named || block == null) {
      return block;
    }
    named = true;
    return comment + block;
  }
}
