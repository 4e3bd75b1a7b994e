package ai.hyperion.api;

import ai.hyperion.gateway.Gateway;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.stream.SseStreamOutput;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one skeleton behind every chat-like resource, whatever its dialect: read the body, hand the
 * call to the gateway, answer as JSON or as server-sent events once the upstream accepted the
 * stream. Failures are left to the exception mapper, which answers in the resource's dialect.
 */
@ApplicationScoped
public class ChatEndpoint {

  @Inject RequestBodyReader bodies;
  @Inject Gateway gateway;

  @Resource ManagedExecutorService streams;

  public CompletionStage<Response> chat(
      Dialect dialect, InputStream body, HttpServletRequest request) {
    Exchange exchange = ExchangeFilter.of(request);
    JsonNode json = bodies.read(request.getHeader("Content-Length"), body);
    ChatRequest chat = dialect.readChat(json);
    ChatCall call = new ChatCall(exchange, chat, RequestOptionsReader.read(json));
    return gateway.chat(call).thenCompose(result -> answer(dialect, exchange, chat, result));
  }

  private CompletionStage<Response> answer(
      Dialect dialect, Exchange exchange, ChatRequest chat, ChatResult result) {
    if (result instanceof ChatResult.Complete complete) {
      byte[] answer = dialect.writeAnswer(complete.response(), exchange);
      return CompletableFuture.completedFuture(
          Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build());
    }
    ChatResult.Streaming streaming = (ChatResult.Streaming) result;
    return new SseStreamOutput(
            streaming.events(), dialect.streamFormat(chat, exchange), streaming.ending())
        .respondOn(streams);
  }
}
