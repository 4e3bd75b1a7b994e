package ai.hyperion.cluster;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the embedded Hazelcast member runs; reports how many members it sees. */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

  @Inject HazelcastInstance hazelcast;

  @Override
  public HealthCheckResponse call() {
    boolean running = hazelcast.getLifecycleService().isRunning();
    return HealthCheckResponse.named("cluster")
        .status(running)
        .withData("members", running ? hazelcast.getCluster().getMembers().size() : 0)
        .build();
  }
}
