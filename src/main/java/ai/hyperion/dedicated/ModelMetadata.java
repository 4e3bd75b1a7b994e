package ai.hyperion.dedicated;

import ai.hyperion.provider.Secret;
import java.util.Optional;

/** Where the facts about a model come from when it is published (a Hugging Face-style hub). */
public interface ModelMetadata {

  /**
   * The model's size and KV-cache shape, or empty when the source does not know it, cannot be
   * reached, or refuses (a gated model without a token).
   */
  Optional<ModelFacts> lookup(String model, Secret accessToken);

  static ModelMetadata none() {
    return (model, token) -> Optional.empty();
  }
}
