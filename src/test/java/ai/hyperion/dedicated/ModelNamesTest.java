package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelNamesTest {

  @ParameterizedTest(name = "{0} -> {1} B, {2} layers")
  @CsvSource({
    "meta-llama/Llama-3.1-8B-Instruct, 8.0, 32, ",
    "meta-llama/Llama-3.3-70B-Instruct, 70.0, 80, ",
    "Qwen/Qwen2.5-0.5B-Instruct, 0.5, 28, ",
    "mistralai/Mixtral-8x7B-Instruct-v0.1, 47.6, 32, ",
    "mistralai/Mixtral-8x22B-v0.1, 149.6, 64, ",
    "TheBloke/Llama-2-13B-chat-GPTQ, 13.0, 40, gptq",
    "neuralmagic/Meta-Llama-3.1-405B-Instruct-FP8, 405.0, 126, fp8",
    "HuggingFaceTB/SmolLM2-360M-Instruct, 0.36, 28, ",
    "google/gemma-2-27b-it, 27.0, 64, ",
  })
  void readsTheSizeFromTheName(String model, double billions, int layers, String quantization) {
    ModelFacts facts = ModelNames.guess(model).orElseThrow();
    assertEquals(billions * 1e9, facts.parameters(), 1e7);
    assertEquals(layers, facts.layers());
    assertEquals(quantization, facts.quantization());
    assertEquals(ModelFacts.Basis.NAME, facts.basis());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"microsoft/Phi-3-mini-4k-instruct", "deepseek-ai/DeepSeek-V3", "gpt2", "a/b"})
  void namesWithoutASizeAreUnknown(String model) {
    assertTrue(ModelNames.guess(model).isEmpty(), model);
  }
}
