package ai.hyperion.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The embedded Hazelcast member of this instance, started with the application (so the first
 * request does not pay for it) and shut down with it. Settings: {@code hyperion.cluster.*}.
 */
@ApplicationScoped
public class HazelcastMember {

  private static final Logger LOG = Logger.getLogger(HazelcastMember.class.getName());

  @Inject Instance<HazelcastConfigContributor> contributors;

  /** Set once under the bean's monitor; read by the producer. */
  private HazelcastInstance instance;

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
    instance();
  }

  @Produces
  HazelcastInstance hazelcast() {
    return instance();
  }

  synchronized HazelcastInstance instance() {
    if (instance == null) {
      ClusterSettings settings = ClusterSettings.from(ConfigProvider.getConfig());
      settings.requireSecretWhenReachable();
      Config config = HazelcastConfigs.member(settings);
      contributors.forEach(contributor -> contributor.contribute(config));
      instance = Hazelcast.newHazelcastInstance(config);
      LOG.info(
          () ->
              "Hazelcast member started: cluster '"
                  + settings.name()
                  + "', "
                  + (settings.clustered() ? "members " + settings.members() : "standalone")
                  + ", maps "
                  + config.getMapConfigs().keySet());
    }
    return instance;
  }

  @PreDestroy
  synchronized void stop() {
    if (instance != null) {
      instance.shutdown();
      instance = null;
    }
  }
}
