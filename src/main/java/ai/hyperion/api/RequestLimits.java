package ai.hyperion.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much work one data-plane request may ask for beyond its body size: fallback models (each an
 * upstream call and a translation) and embedding inputs (one upstream call each on some providers).
 */
@ApplicationScoped
public class RequestLimits {

  @Inject
  @ConfigProperty(name = "hyperion.limits.max-fallbacks", defaultValue = "5")
  int maxFallbacks;

  @Inject
  @ConfigProperty(name = "hyperion.limits.max-embedding-inputs", defaultValue = "2048")
  int maxEmbeddingInputs;

  public int maxFallbacks() {
    return maxFallbacks;
  }

  public int maxEmbeddingInputs() {
    return maxEmbeddingInputs;
  }
}
