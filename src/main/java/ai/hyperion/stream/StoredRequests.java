package ai.hyperion.stream;

import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.provider.ChatResponse;
import java.time.Instant;

/** Maps a finished request onto the record the store keeps. */
public final class StoredRequests {

  private StoredRequests() {}

  public static StoredRequest of(RequestCompleted completed, Instant now) {
    ChatResponse answer = completed.answer();
    if (answer != null && completed.usage() != null && answer.usage() == null) {
      answer =
          new ChatResponse(
              answer.id(),
              answer.created(),
              answer.model(),
              answer.choices(),
              completed.usage(),
              answer.extras());
    }
    RequestState state;
    if (completed.succeeded()) {
      state = RequestState.COMPLETED;
    } else if (answer != null && !answer.choices().isEmpty()) {
      state = RequestState.INCOMPLETE;
    } else {
      state = RequestState.FAILED;
    }
    return new StoredRequest(
        completed.exchange().requestId(),
        completed.tenant().orgId(),
        state,
        completed.exchange().startedAt(),
        now,
        completed.endpoint(),
        completed.exchange().servedModel(),
        completed.streamed(),
        completed.clientDisconnected(),
        completed.status(),
        completed.error() == null ? null : completed.error().code(),
        completed.error() == null ? null : completed.error().message(),
        answer);
  }
}
