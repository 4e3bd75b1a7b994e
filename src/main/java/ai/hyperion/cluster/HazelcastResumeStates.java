package ai.hyperion.cluster;

import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.ResumeStates;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Provider resume state shared by every gateway node, so a conversation's next turn may land on any
 * of them. Values are plain strings ({@link ResumeState#encode()}): no application class has to be
 * known to the cluster.
 */
@ApplicationScoped
public class HazelcastResumeStates implements ResumeStates {

  private final IMap<String, String> map;

  @Inject
  public HazelcastResumeStates(HazelcastInstance hazelcast) {
    this.map = hazelcast.getMap(ResumeStateMapConfig.MAP_NAME);
  }

  /** For the CDI proxy only. */
  protected HazelcastResumeStates() {
    this.map = null;
  }

  @Override
  public void put(String scope, String callId, ResumeState state) {
    // Nobody reads the answer of the put: do not wait for the partition owner.
    map.setAsync(
        InMemoryResumeStates.key(scope, callId), state.encode(), TTL.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public Optional<ResumeState> get(String scope, String callId) {
    return Optional.ofNullable(
        ResumeState.decode(map.get(InMemoryResumeStates.key(scope, callId))));
  }
}
