package ai.hyperion.pipeline;

import ai.hyperion.provider.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes sure an admission is ended exactly once, whichever of the call's end signals (answer,
 * failure, stream end, disconnect) arrives first: later calls are ignored.
 */
public final class OnceAdmission implements Admission {

  private final Admission admission;
  private final AtomicBoolean ended = new AtomicBoolean();

  public OnceAdmission(Admission admission) {
    this.admission = admission;
  }

  @Override
  public Optional<PolicySignal> signal() {
    return admission.signal();
  }

  @Override
  public Map<String, String> headers() {
    return admission.headers();
  }

  @Override
  public void settle(Usage usage, String servedModel) {
    if (ended.compareAndSet(false, true)) {
      admission.settle(usage, servedModel);
    }
  }

  @Override
  public void release() {
    if (ended.compareAndSet(false, true)) {
      admission.release();
    }
  }

  public boolean ended() {
    return ended.get();
  }
}
