package ai.hyperion.api.responses;

import ai.hyperion.api.ChatEndpoint;
import ai.hyperion.api.ClientDialect;
import ai.hyperion.api.openai.OpenAiDialect;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Authenticated;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResponsesBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * OpenAI's Responses API ({@code /v1/responses}) through the same pipeline as chat completions,
 * routable to any provider: requests are translated to canonical chat (or sent as they are to an
 * upstream that serves the Responses API natively), answers and streams written back as response
 * objects and Responses events. Responses are stored per org unless {@code store} is false, for
 * retrieval, deletion, their input items and {@code previous_response_id}.
 */
@Path("v1/responses")
@ApplicationScoped
@DataPlane
@Authenticated
@ClientDialect(OpenAiDialect.class)
public class ResponsesResource {

  private static final Logger LOG = Logger.getLogger(ResponsesResource.class.getName());

  @Inject ChatEndpoint endpoint;
  @Inject OpenAiDialect openAi;
  @Inject ResponseStore store;

  @Resource ManagedExecutorService executor;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> createResponse(
      InputStream body, @Context HttpServletRequest request) {
    byte[] raw = endpoint.readBytes(body, request);
    ObjectNode json = endpoint.parse(raw);
    String orgId = orgId(request);
    JsonNode previousId = json.get("previous_response_id");
    StoredResponse previous = null;
    if (previousId != null && previousId.isTextual()) {
      previous =
          store.find(orgId, previousId.asText()).orElseThrow(() -> notFound(previousId.asText()));
    }
    ArrayNode history = previous == null ? Json.MAPPER.createArrayNode() : conversation(previous);
    ResponsesRequest parsed = ResponsesRequestReader.read(json, history);
    String id = ResponseIds.response();
    long createdAt = Instant.now().getEpochSecond();
    ArrayNode inputs = history.deepCopy().addAll(parsed.inputItems());
    AtomicReference<ObjectNode> answered = new AtomicReference<>();
    boolean streaming = parsed.chat().stream();
    ResponsesTurn turn =
        new ResponsesTurn(
            parsed,
            id,
            createdAt,
            openAi,
            answer -> {
              if (streaming) {
                save(orgId, parsed, inputs, answer);
              } else {
                answered.set(answer);
              }
            });
    ResponsesBody nativeBody =
        new ResponsesBody(
            previous == null ? raw : NativeConversation.expand(json, history),
            parsed.chat().model(),
            parsed.builtInTools());
    CompletionStage<Response> answer =
        endpoint.chat(
            turn,
            json,
            request,
            call -> CompletableFuture.completedFuture(call.withResponsesBody(nativeBody)));
    if (streaming) {
      return answer;
    }
    // The upstream's I/O thread completes the answer; the database wants a managed thread.
    return answer.thenApplyAsync(
        response -> {
          ObjectNode done = answered.get();
          if (done != null) {
            save(orgId, parsed, inputs, done);
          }
          return response;
        },
        executor);
  }

  @GET
  @Path("{id}")
  public Response retrieveResponse(
      @PathParam("id") String id, @Context HttpServletRequest request) {
    StoredResponse stored = store.find(orgId(request), id).orElseThrow(() -> notFound(id));
    return json(stored.response().getBytes(StandardCharsets.UTF_8));
  }

  @DELETE
  @Path("{id}")
  public Response deleteResponse(@PathParam("id") String id, @Context HttpServletRequest request) {
    if (!store.delete(orgId(request), id)) {
      throw notFound(id);
    }
    return json(Json.bytes(ResponsesWriter.deleted(id)));
  }

  @GET
  @Path("{id}/input_items")
  public Response listInputItems(
      @PathParam("id") String id,
      @QueryParam("order") String order,
      @QueryParam("limit") Integer limit,
      @QueryParam("after") String after,
      @Context HttpServletRequest request) {
    StoredResponse stored = store.find(orgId(request), id).orElseThrow(() -> notFound(id));
    return json(Json.bytes(InputItemsPage.of(parse(stored.inputItems()), order, limit, after)));
  }

  private void save(String orgId, ResponsesRequest parsed, ArrayNode inputs, ObjectNode answer) {
    if (!parsed.store()) {
      return;
    }
    try {
      store.save(
          new StoredResponse(
              answer.path("id").asText(),
              orgId,
              LocalDateTime.now(Clock.systemUTC()),
              answer.path("model").asText(null),
              parsed.previousResponseId(),
              Json.string(inputs),
              Json.string(answer)));
    } catch (RuntimeException e) {
      // The client has its answer; only a later retrieval of it will miss.
      LOG.log(Level.SEVERE, "Could not store response " + answer.path("id").asText(), e);
    }
  }

  /** What a follow-up continues: the previous response's conversation and then its output. */
  private static ArrayNode conversation(StoredResponse previous) {
    ArrayNode items = (ArrayNode) parse(previous.inputItems());
    for (JsonNode item : parse(previous.response()).path("output")) {
      items.add(item);
    }
    return items;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String orgId(HttpServletRequest request) {
    TenantContext tenant = ExchangeFilter.of(request).tenant();
    if (tenant == null) {
      throw new InvalidRequestException(null, "This endpoint needs an API key of an org.");
    }
    return tenant.orgId();
  }

  private static RequestRefusedException notFound(String id) {
    return new RequestRefusedException(
        404,
        "invalid_request_error",
        "not_found",
        null,
        "Response with id '" + id + "' not found.");
  }

  private static Response json(byte[] body) {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
