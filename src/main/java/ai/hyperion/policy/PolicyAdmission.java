package ai.hyperion.policy;

import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.PolicySignal;
import ai.hyperion.provider.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An admitted call's reservation as the pipeline holds it: {@link #settle} charges the usage at the
 * price of the model that served (a fallback pays its own), {@link #release} frees it. The pipeline
 * ends it once ({@code OnceAdmission}); the store is idempotent per request id besides. Neither
 * waits for the store: the answer is on its way already, and a store failure is the store's to
 * replay ({@link FailoverPolicyStore}) or to log here.
 */
final class PolicyAdmission implements Admission {

  private static final Logger LOG = Logger.getLogger(PolicyAdmission.class.getName());

  private final PolicyEngine engine;
  private final Reservation reservation;
  private final Function<String, ModelPrice> pricing;
  private final Map<String, String> headers;
  private final PolicySignal signal;

  PolicyAdmission(
      PolicyEngine engine,
      Reservation reservation,
      Function<String, ModelPrice> pricing,
      Map<String, String> headers,
      PolicySignal signal) {
    this.engine = engine;
    this.reservation = reservation;
    this.pricing = pricing;
    this.headers = Map.copyOf(headers);
    this.signal = signal;
  }

  @Override
  public Optional<PolicySignal> signal() {
    return Optional.ofNullable(signal);
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  Reservation reservation() {
    return reservation;
  }

  @Override
  public void settle(Usage usage, String servedModel) {
    engine
        .settle(reservation, usage, pricing.apply(servedModel))
        .whenComplete(
            (settlement, failure) -> {
              if (failure != null) {
                LOG.log(
                    Level.WARNING,
                    "Could not settle request " + reservation.id() + " with the policy store",
                    failure);
              }
            });
  }

  @Override
  public void release() {
    engine
        .release(reservation)
        .whenComplete(
            (released, failure) -> {
              if (failure != null) {
                LOG.log(
                    Level.WARNING,
                    "Could not release request " + reservation.id() + " in the policy store",
                    failure);
              }
            });
  }

  /** What a refused call's answer carries: the rate-limit headers, nothing to settle. */
  static Admission refused(Map<String, String> headers) {
    Map<String, String> copy = Map.copyOf(headers);
    return new Admission() {
      @Override
      public Map<String, String> headers() {
        return copy;
      }

      @Override
      public void settle(Usage usage, String servedModel) {}

      @Override
      public void release() {}
    };
  }
}
