package ai.hyperion.stream;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The streams this instance is reading from upstream now, by request id, until their answer is
 * persisted (or known not to be). In memory and per instance: {@code GET /v1/requests/{id}} sent to
 * another instance does not see a stream in flight here, only its record once it is persisted in
 * the shared {@link ResponseStore}.
 */
@ApplicationScoped
public class LiveStreams {

  private final ConcurrentMap<String, LiveStream> streams = new ConcurrentHashMap<>();

  /** Registers a stream (a retried attempt replaces the one before it). */
  public LiveStream open(String requestId, String orgId, Instant startedAt, String model) {
    LiveStream stream = new LiveStream(requestId, orgId, startedAt, model);
    streams.put(requestId, stream);
    return stream;
  }

  /** The organisation's stream in flight with that id; another organisation's is not found. */
  public Optional<LiveStream> find(String orgId, String requestId) {
    LiveStream stream = streams.get(requestId);
    return stream != null && stream.orgId().equals(orgId) ? Optional.of(stream) : Optional.empty();
  }

  /** Forgets a stream once its record is stored (or will not be). */
  public void close(String requestId) {
    streams.remove(requestId);
  }

  /**
   * Forgets streams that started before {@code cutoff}: a safety net for an entry whose completion
   * never came (the drain limit bounds a real stream far below it). Returns how many.
   */
  public int forgetStartedBefore(Instant cutoff) {
    int before = streams.size();
    streams.values().removeIf(s -> s.startedAt() != null && s.startedAt().isBefore(cutoff));
    return before - streams.size();
  }

  public int size() {
    return streams.size();
  }
}
