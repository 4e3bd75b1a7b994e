package ai.hyperion.api.requests;

import ai.hyperion.api.ClientDialect;
import ai.hyperion.api.ServletRequests;
import ai.hyperion.api.openai.OpenAiDialect;
import ai.hyperion.api.openai.OpenAiStreamFormat;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Authenticated;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.stream.IdentifiedFormat;
import ai.hyperion.stream.LiveStream;
import ai.hyperion.stream.RequestLookup;
import ai.hyperion.stream.RequestLookup.Found;
import ai.hyperion.stream.ServletSseChannel;
import ai.hyperion.stream.StreamLimits;
import ai.hyperion.stream.StreamPump;
import ai.hyperion.stream.StreamTicker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/requests/{id}}: a request's answer for its own organisation (any other key gets
 * 404, as for an unknown id), as a {@code chat.completion} with a {@code status} ({@code
 * in_progress}, {@code completed}, {@code incomplete}, {@code failed}), or with {@code Accept:
 * text/event-stream} replayed as OpenAI chunks; a stream still in flight on this instance is
 * followed live to its end.
 */
@Path("v1/requests")
@ApplicationScoped
@DataPlane
@Authenticated
@ClientDialect(OpenAiDialect.class)
public class RequestsResource {

  /** The state of the answer, also on the SSE response (whose body starts before the end). */
  static final String STATUS_HEADER = "x-hyperion-request-status";

  @Inject RequestLookup lookup;
  @Inject StreamLimits limits;
  @Inject StreamTicker ticker;

  @GET
  @Path("{requestId}")
  public CompletionStage<Response> get(
      @PathParam("requestId") String requestId,
      @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @Context HttpServletRequest request) {
    TenantContext tenant = ExchangeFilter.of(request).tenant();
    if (tenant == null) {
      throw notFound(requestId);
    }
    boolean sse = accept != null && accept.contains("text/event-stream");
    // Readied on the request's own thread; used only when the answer is found.
    ServletSseChannel channel =
        sse ? ServletSseChannel.prepare(ServletRequests.unwrap(request)) : null;
    return lookup
        .find(tenant.orgId(), requestId)
        .thenCompose(found -> answer(requestId, found, channel));
  }

  private CompletionStage<Response> answer(
      String id, Optional<Found> found, ServletSseChannel channel) {
    if (found.isEmpty()) {
      throw notFound(id);
    }
    StoredAnswer answer = StoredAnswer.of(found.get());
    if (channel == null) {
      return CompletableFuture.completedFuture(
          Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE)
              .header(STATUS_HEADER, answer.state().wire())
              .build());
    }
    LiveStream stream = answer.stream();
    IdentifiedFormat format =
        new IdentifiedFormat(
            new OpenAiStreamFormat(stream.model() == null ? answer.model() : stream.model(), true),
            id);
    StreamPump pump = new StreamPump(format, StoredAnswer.REPLAY_ENDING, limits, ticker, null);
    try {
      channel.open(Map.of(STATUS_HEADER, answer.state().wire()), pump);
      pump.start(stream.follow(), channel);
    } catch (IOException gone) {
      // The client left before the replay began: nothing is metered for a replay.
      channel.close();
    }
    // The pump owns the response from here and ends it; JAX-RS writes nothing for this stage.
    return new CompletableFuture<>();
  }

  private static RequestRefusedException notFound(String id) {
    return new RequestRefusedException(
        404,
        "invalid_request_error",
        "request_not_found",
        "request_id",
        "No request with id '"
            + (id.length() > 64 ? id.substring(0, 64) + "..." : id)
            + "' was found for this organisation.");
  }
}
