package ai.hyperion.stream;

import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.StreamEvent;

/**
 * Sees a tapped stream's events as they pass and its end (the live registry of in-flight streams).
 * Called on the upstream's thread: implementations must not block.
 */
public interface StreamObserver {

  StreamObserver NONE =
      new StreamObserver() {
        @Override
        public void event(StreamEvent event) {}

        @Override
        public void ended(StreamEnd end) {}
      };

  void event(StreamEvent event);

  void ended(StreamEnd end);
}
