package ai.hyperion.cache;

import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.GatewayCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Stage 3: the exact (L1) and semantic (L2) response caches. No cache tier is enabled in this
 * build, so every call is a {@code bypass}; the tiers plug in here.
 */
@ApplicationScoped
public class CacheStage {

  /** A cached answer for the call, if any; records the outcome in the Exchange. */
  public Optional<Object> lookup(GatewayCall call) {
    call.exchange().cache(CacheStatus.BYPASS, null);
    return Optional.empty();
  }
}
