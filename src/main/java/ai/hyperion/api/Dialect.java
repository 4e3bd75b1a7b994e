package ai.hyperion.api;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.stream.StreamFormat;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;

/**
 * A client-facing API format (OpenAI Chat Completions, Anthropic Messages, ...): everything the
 * gateway needs to read a client's chat request and to answer it in the same format — as JSON, as a
 * stream, or as an error. Implementations are stateless; {@link #streamFormat} makes the per-stream
 * state.
 */
public interface Dialect {

  /**
   * Reads and validates a chat request body; throws an InvalidRequestException naming the field.
   */
  ChatRequest readChat(JsonNode body);

  /** The JSON body answering a complete chat response. */
  byte[] writeAnswer(ChatResponse response, Exchange exchange);

  /** A fresh writer for one streamed answer. */
  StreamFormat streamFormat(ChatRequest request, Exchange exchange);

  /** The error answer, with its status and headers (Retry-After). */
  Response error(GatewayError error);
}
