package ai.hyperion.gateway;

import ai.hyperion.routing.DeploymentRegistry;
import ai.hyperion.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Reads gateway.yaml and creates every provider adapter while the application starts, so that an
 * invalid file (or an adapter that cannot be built from it) fails the start with the reasons in the
 * log, instead of failing the first request.
 */
@ApplicationScoped
public class GatewayStartup {

  private static final Logger LOG = Logger.getLogger(GatewayStartup.class.getName());

  @Inject DeploymentRegistry deployments;
  @Inject ModelCatalog catalog;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.info(
        () ->
            "Gateway ready: "
                + deployments.upstreams()
                + " upstreams, "
                + deployments.all().size()
                + " deployments, "
                + catalog.names().size()
                + " model names");
  }
}
