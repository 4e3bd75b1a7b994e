package ai.hyperion.gateway;

import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.policy.TokenEstimator;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.LiveStreams;
import ai.hyperion.stream.StreamObserver;
import ai.hyperion.stream.StreamStoreOptions;
import ai.hyperion.stream.StreamTap;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Flow;

/**
 * Taps an upstream stream for the pipeline: registered live (so {@code GET /v1/requests/{id}} can
 * follow it), read after a client disconnect within the configured drain limit, and charged by an
 * estimate when the upstream reported no usage before it broke off.
 */
@ApplicationScoped
public class StreamTaps {

  @Inject LiveStreams live;
  @Inject StreamStoreOptions options;
  @Inject TokenEstimator estimator;
  @Resource ManagedScheduledExecutorService timers;

  public StreamTap tap(ChatCall call, Flow.Publisher<StreamEvent> events) {
    Exchange exchange = call.exchange();
    StreamObserver observer =
        exchange.tenant() == null
            ? StreamObserver.NONE
            : live.open(
                exchange.requestId(),
                exchange.tenant().orgId(),
                exchange.startedAt(),
                exchange.servedModel());
    return new StreamTap(
        events,
        new StreamTap.Options(
            observer,
            options.drain(),
            timers,
            answer ->
                estimator.produced(
                    call.request(),
                    exchange.servedModel() == null ? "" : exchange.servedModel(),
                    answer)));
  }
}
