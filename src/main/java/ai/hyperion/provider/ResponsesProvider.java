package ai.hyperion.provider;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An adapter whose upstream may serve the OpenAI Responses API natively ({@link
 * #speaksResponses()}, configured per provider): a Responses request then goes there as sent
 * instead of being translated to chat. Answers come back in canonical form (the native answer kept
 * in {@link ResponsesBody#NATIVE_ANSWER}), so metering, cache and audit see them like any other.
 */
public interface ResponsesProvider extends Provider {

  boolean speaksResponses();

  CompletionStage<ChatResponse> respond(ResponsesBody body, String upstreamModel, Secret key);

  CompletionStage<Flow.Publisher<StreamEvent>> streamResponse(
      ResponsesBody body, String upstreamModel, Secret key);
}
