package ai.hyperion.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The key hasher, with the pepper from {@code hyperion.auth.key-pepper} (env
 * HYPERION_AUTH_KEY_PEPPER).
 */
@ApplicationScoped
public class KeyHasherProducer {

  public static final String PEPPER_PROPERTY = "hyperion.auth.key-pepper";

  @Produces
  @Singleton
  KeyHasher keyHasher() {
    String pepper =
        ConfigProvider.getConfig()
            .getOptionalValue(PEPPER_PROPERTY, String.class)
            .filter(value -> !value.isBlank())
            .orElse(KeyHasher.DEFAULT_PEPPER);
    return new KeyHasher(pepper);
  }
}
