package ai.hyperion.dedicated;

import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RouteMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Marks a dedicated endpoint's traffic again when a request it served ends (the data path marked it
 * when the request arrived), so the idle timer counts from the end of the last answer. Never
 * blocks: a mark is a memory write, the database is written off the thread.
 */
@ApplicationScoped
public class TrafficObserver {

  @Inject DedicatedEndpoints endpoints;

  void onCompleted(@Observes RequestCompleted completed) {
    for (AttemptRecord attempt : completed.attempts()) {
      if (attempt.mode() == RouteMode.DEDICATED) {
        endpoints.served(attempt.provider());
      }
    }
  }
}
