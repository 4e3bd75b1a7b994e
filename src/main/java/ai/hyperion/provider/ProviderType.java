package ai.hyperion.provider;

import java.util.Arrays;
import java.util.Optional;

/**
 * The adapters this build offers, by the {@code type} that selects them in gateway.yaml. The
 * registry that creates adapters switches over this enum, so the compiler keeps the two in step.
 */
public enum ProviderType {
  /** OpenAI and every OpenAI-compatible server (vLLM, Ollama, xAI, OpenRouter, ...). */
  OPENAI("openai"),
  /** Anthropic's Messages API, also Claude on Google Vertex AI ({@code options.platform}). */
  ANTHROPIC("anthropic"),
  GEMINI("gemini"),
  /** Gemini on Google Vertex AI. */
  VERTEX("vertex"),
  /** Amazon Bedrock's Converse API. */
  BEDROCK("bedrock");

  private final String configName;

  ProviderType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Optional<ProviderType> of(String configName) {
    return Arrays.stream(values()).filter(t -> t.configName.equals(configName)).findFirst();
  }
}
