package ai.hyperion.api.requests;

import ai.hyperion.api.openai.OpenAiResponseWriter;
import ai.hyperion.cache.StreamReplay;
import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.LiveStream;
import ai.hyperion.stream.RequestLookup.Found;
import ai.hyperion.stream.RequestState;
import ai.hyperion.stream.StoredRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A found request as {@code GET /v1/requests/{id}} answers it: the {@code chat.completion} JSON
 * with the request's {@code status} (and its {@code error} when it did not complete), and the
 * stream a replay follows (the live one, or the stored answer's events then its end).
 */
record StoredAnswer(RequestState state, byte[] json, LiveStream stream, String model) {

  /** A replay's writer reports to nobody: nothing is metered or settled for it. */
  static final StreamEnding REPLAY_ENDING =
      new StreamEnding() {
        @Override
        public void delivered(boolean clientDisconnected, Throwable writerFailure) {}

        @Override
        public CompletionStage<StreamEnd> ended() {
          return new CompletableFuture<>();
        }
      };

  static StoredAnswer of(Found found) {
    if (found instanceof Found.Live live) {
      LiveStream stream = live.stream();
      StreamEnd end = stream.end();
      RequestState state =
          end == null
              ? RequestState.IN_PROGRESS
              : end.failure() == null ? RequestState.COMPLETED : RequestState.INCOMPLETE;
      ChatResponse soFar = stream.answerSoFar();
      ObjectNode body =
          body(stream.requestId(), soFar, state, end != null && end.clientDisconnected());
      if (end != null && end.failure() != null) {
        body.putObject("error").put("message", end.failure().getMessage());
      }
      return new StoredAnswer(state, Json.bytes(body), stream, stream.model());
    }
    StoredRequest r = ((Found.Stored) found).request();
    ObjectNode body = body(r.requestId(), r.answer(), r.state(), r.clientDisconnected());
    body.put("created_at", r.createdAt().toString());
    if (r.completedAt() != null) {
      body.put("completed_at", r.completedAt().toString());
    }
    ProviderException failure = null;
    if (r.errorCode() != null) {
      body.putObject("error")
          .put("code", r.errorCode())
          .put("message", r.errorMessage())
          .put("status", r.status());
      failure =
          new ProviderException(
              r.status() >= 400 ? r.status() : 502,
              "upstream_error",
              r.errorCode(),
              null,
              r.errorMessage(),
              false);
    }
    List<StreamEvent> events = r.answer() == null ? List.of() : replayed(r.answer());
    LiveStream replay = LiveStream.replay(r.requestId(), r.orgId(), events, failure);
    return new StoredAnswer(r.state(), Json.bytes(body), replay, r.model());
  }

  /**
   * The answer's events; a choice the upstream never finished gets no finish event (the replay then
   * ends with the error, as the original stream did).
   */
  private static List<StreamEvent> replayed(ChatResponse answer) {
    return StreamReplay.events(answer).stream()
        .filter(
            e ->
                !(e instanceof StreamEvent.Finish finish)
                    || answer.choices().stream()
                        .anyMatch(c -> c.index() == finish.choice() && c.finishReason() != null))
        .toList();
  }

  private static ObjectNode body(
      String id, ChatResponse answer, RequestState state, boolean disconnected) {
    ObjectNode body;
    if (answer == null) {
      body = Json.object().put("id", id).put("object", "chat.completion");
      body.putArray("choices");
    } else {
      body = OpenAiResponseWriter.write(answer);
    }
    body.put("request_id", id);
    body.put("status", state.wire());
    body.put("client_disconnected", disconnected);
    return body;
  }
}
