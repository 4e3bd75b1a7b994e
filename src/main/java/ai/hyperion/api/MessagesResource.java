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
import ai.hyperion.provider.anthropic.AnthropicIngressCodec;
import ai.hyperion.stream.AnthropicStreamFormat;
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
 * Anthropic Messages format in ({@code POST /v1/messages}), through the same pipeline, routable to
 * any provider; answers, streams and errors in Anthropic's format so Anthropic SDKs and coding
 * agents work unchanged.
 */
@Path("v1/messages")
@ApplicationScoped
@DataPlane
@Authenticated
public class MessagesResource {

  @Inject RequestBodyReader bodies;
  @Inject ChatGateway gateway;
  @Inject CompletionPublisher completions;

  @Resource ManagedExecutorService streams;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> messages(InputStream body, @Context HttpServletRequest request) {
    Exchange exchange = ExchangeFilter.of(request);
    ChatRequest chat;
    ChatCall call;
    try {
      JsonNode json = bodies.read(request.getHeader("Content-Length"), body);
      chat = AnthropicIngressCodec.readRequest(json, RequestOptionsReader.FIELDS);
      call = new ChatCall(exchange, chat, RequestOptionsReader.read(json));
    } catch (RuntimeException invalid) {
      return CompletableFuture.completedFuture(AnthropicErrors.response(invalid));
    }
    return gateway
        .chat(call)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                completions.completed(
                    exchange,
                    "messages",
                    OpenAiError.from(failure).status(),
                    null,
                    chat.stream(),
                    false);
                return CompletableFuture.completedFuture(AnthropicErrors.response(failure));
              }
              if (result instanceof ChatResult.Complete complete) {
                byte[] answer =
                    Json.bytes(
                        AnthropicIngressCodec.writeResponse(
                            complete.response(), exchange.servedModel()));
                completions.completed(
                    exchange, "messages", 200, complete.response().usage(), false, false);
                return CompletableFuture.completedFuture(
                    Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build());
              }
              SseStreamOutput output =
                  new SseStreamOutput(
                      ((ChatResult.Streaming) result).events(),
                      new AnthropicStreamFormat(exchange.servedModel()),
                      outcome ->
                          completions.completed(
                              exchange,
                              "messages",
                              200,
                              outcome.usage(),
                              true,
                              outcome.clientDisconnected()));
              return output.respondOn(streams);
            })
        .thenCompose(Function.identity());
  }
}
