package ai.hyperion.api.responses;

import ai.hyperion.api.Dialect;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.stream.StreamFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.util.function.Consumer;

/**
 * The Responses API dialect for one request: it already knows the request (read before the call,
 * since a previous response had to be looked up) and the id its response gets, and hands the
 * finished response object to {@code finished} (which stores it). Errors take OpenAI's shape.
 */
final class ResponsesTurn implements Dialect {

  private final ResponsesRequest request;
  private final String id;
  private final long createdAt;
  private final Dialect errors;
  private final Consumer<ObjectNode> finished;

  ResponsesTurn(
      ResponsesRequest request,
      String id,
      long createdAt,
      Dialect errors,
      Consumer<ObjectNode> finished) {
    this.request = request;
    this.id = id;
    this.createdAt = createdAt;
    this.errors = errors;
    this.finished = finished;
  }

  @Override
  public ChatRequest readChat(JsonNode body) {
    return request.chat();
  }

  @Override
  public byte[] writeAnswer(ChatResponse response, Exchange exchange) {
    ObjectNode answer =
        ResponsesWriter.answer(response, id, createdAt, model(exchange), request.echo());
    finished.accept(answer);
    return Json.bytes(answer);
  }

  @Override
  public StreamFormat streamFormat(ChatRequest chat, Exchange exchange) {
    return new ResponsesStreamFormat(
        ResponsesWriter.shell(id, createdAt, model(exchange), request.echo()), finished);
  }

  @Override
  public Response error(GatewayError error) {
    return errors.error(error);
  }

  private String model(Exchange exchange) {
    return exchange.servedModel() != null ? exchange.servedModel() : request.chat().model();
  }
}
