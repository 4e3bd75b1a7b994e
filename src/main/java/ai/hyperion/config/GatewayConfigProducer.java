package ai.hyperion.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Produces the validated gateway.yaml once; an invalid file fails the application start. */
@ApplicationScoped
public class GatewayConfigProducer {

  @Produces
  @Singleton
  GatewayConfig gatewayConfig() {
    Config config = ConfigProvider.getConfig();
    GatewayConfigLoader loader =
        new GatewayConfigLoader(name -> config.getOptionalValue(name, String.class));
    return loader.load(config.getOptionalValue("hyperion.config.path", String.class));
  }
}
