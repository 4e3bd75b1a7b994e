package ai.hyperion.api;

import ai.hyperion.auth.Authenticated;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatGateway;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.openai.OpenAiRequestCodec;
import ai.hyperion.provider.openai.OpenAiResponseCodec;
import ai.hyperion.stream.OpenAiStreamFormat;
import ai.hyperion.stream.SseStreamOutput;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * OpenAI Chat Completions: validates and maps the body, hands it to the pipeline, and answers
 * asynchronously — as JSON, or as server-sent events once the upstream accepted the stream.
 */
@Path("")
@ApplicationScoped
@DataPlane
@Authenticated
public class ChatCompletionsResource {

  @Inject RequestBodyReader bodies;
  @Inject ChatGateway gateway;
  @Inject CompletionPublisher completions;

  @Resource ManagedExecutorService streams;

  @POST
  @Path("v1/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> chat(InputStream body, @Context HttpServletRequest request) {
    Exchange exchange = ExchangeFilter.of(request);
    JsonNode json = bodies.read(request.getHeader("Content-Length"), body);
    var options = RequestOptionsReader.read(json);
    ChatRequest chat = OpenAiRequestCodec.read(json, RequestOptionsReader.FIELDS);
    return gateway
        .chat(new ChatCall(exchange, chat, options))
        .handle(
            (result, failure) -> {
              if (failure != null) {
                OpenAiError error = OpenAiError.from(failure);
                completions.completed(exchange, "chat", error.status(), null, chat.stream(), false);
                return CompletableFuture.<Response>failedFuture(OpenAiError.unwrap(failure));
              }
              if (result instanceof ChatResult.Complete complete) {
                byte[] answer = Json.bytes(OpenAiResponseCodec.write(complete.response()));
                completions.completed(
                    exchange, "chat", 200, complete.response().usage(), false, false);
                return CompletableFuture.completedFuture(
                    Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build());
              }
              ChatResult.Streaming streaming = (ChatResult.Streaming) result;
              SseStreamOutput output =
                  new SseStreamOutput(
                      streaming.events(),
                      new OpenAiStreamFormat(exchange.servedModel(), chat.includeUsage()),
                      outcome ->
                          completions.completed(
                              exchange,
                              "chat",
                              200,
                              outcome.usage(),
                              true,
                              outcome.clientDisconnected()));
              return output.respondOn(streams);
            })
        .thenCompose(Function.identity());
  }

  @POST
  @Path("api/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> chatAlias(
      InputStream body, @Context HttpServletRequest request) {
    return chat(body, request);
  }
}
