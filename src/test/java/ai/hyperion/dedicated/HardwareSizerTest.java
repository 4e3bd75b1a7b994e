package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizing on a table of real models: parameter counts and KV-cache shapes as their config.json and
 * safetensors metadata publish them, against the shipped hardware catalog.
 */
class HardwareSizerTest {

  static final List<HardwareConfig> CATALOG =
      List.of(
          hw("l4-24gb", "nvidia-l4", 24, 0.80),
          hw("a10g-24gb", "nvidia-a10g", 24, 1.01),
          hw("l40s-48gb", "nvidia-l40s", 48, 1.86),
          hw("a100-80gb", "nvidia-a100-80gb", 80, 3.67),
          hw("h100-80gb", "nvidia-h100-80gb", 80, 4.76));

  private static HardwareConfig hw(String id, String gpu, double gb, double price) {
    return new HardwareConfig(id, gpu, gb, 8, price, Map.of());
  }

  /** Published facts: parameters (safetensors total), layers, KV heads, head dim, max context. */
  static ModelFacts published(
      String model, long parameters, int layers, int kvHeads, int headDim, int maxContext) {
    return new ModelFacts(
        model, parameters, layers, kvHeads, headDim, maxContext, null, ModelFacts.Basis.METADATA);
  }

  static ModelFacts model(String name) {
    return switch (name) {
      case "meta-llama/Llama-3.1-8B-Instruct" ->
          published(name, 8_030_261_248L, 32, 8, 128, 131072);
      case "meta-llama/Llama-3.1-70B-Instruct" ->
          published(name, 70_553_706_496L, 80, 8, 128, 131072);
      case "meta-llama/Llama-3.1-405B-Instruct" ->
          published(name, 405_853_388_800L, 126, 8, 128, 131072);
      case "mistralai/Mixtral-8x7B-Instruct-v0.1" ->
          published(name, 46_702_792_704L, 32, 8, 128, 32768);
      case "Qwen/Qwen2.5-0.5B-Instruct" -> published(name, 494_032_768L, 24, 2, 64, 32768);
      case "google/gemma-2-9b-it" -> published(name, 9_241_705_984L, 42, 8, 256, 8192);
      case "microsoft/Phi-3-mini-4k-instruct" -> published(name, 3_821_079_552L, 32, 32, 96, 4096);
      default -> ModelNames.guess(name).orElseThrow();
    };
  }

  private final HardwareSizer sizer = new HardwareSizer(CATALOG);

  @ParameterizedTest(name = "{0} {1} ctx={2} seqs={3} -> {5} x {4}")
  @CsvSource({
    // model, dtype, context, concurrency, expected hardware, GPUs, required GB (±1)
    "meta-llama/Llama-3.1-8B-Instruct, auto, , , l4-24gb, 2, 22.4",
    "meta-llama/Llama-3.1-8B-Instruct, auto, 8192, 1, l4-24gb, 1, 18.8",
    "meta-llama/Llama-3.1-8B-Instruct, bfloat16, 131072, 8, l4-24gb, 8, 168.8",
    "meta-llama/Llama-3.1-70B-Instruct, auto, , , l4-24gb, 8, 167.0",
    "meta-llama/Llama-3.1-70B-Instruct, fp8, , , l4-24gb, 8, 89.4",
    "meta-llama/Llama-3.1-405B-Instruct, fp8, , , a100-80gb, 8, 465.0",
    "mistralai/Mixtral-8x7B-Instruct-v0.1, auto, , , l4-24gb, 8, 107.5",
    "Qwen/Qwen2.5-0.5B-Instruct, auto, , , l4-24gb, 1, 1.2",
    "google/gemma-2-9b-it, auto, , , l4-24gb, 2, 32.7",
    "microsoft/Phi-3-mini-4k-instruct, auto, , , l4-24gb, 1, 15.5",
    "TheBloke/Llama-2-70B-Chat-AWQ, auto, , , l4-24gb, 4, 50.6",
    "mistralai/Mixtral-8x22B-Instruct-v0.1, auto, , , l40s-48gb, 8, 338.6",
    "acme/custom-8b-chat, float32, 4096, 1, l4-24gb, 2, 36.0",
  })
  void choosesTheCheapestHardwareThatHoldsTheModel(
      String model,
      String dtype,
      Integer context,
      Integer concurrency,
      String hardware,
      int gpus,
      double requiredGb) {
    Sizing sizing =
        sizer.size(model(model), Dtype.parse(dtype).orElseThrow(), context, concurrency, null);
    assertEquals(hardware, sizing.hardware().id(), sizing.describe());
    assertEquals(gpus, sizing.gpuCount(), sizing.describe());
    assertEquals(requiredGb, sizing.requiredGb(), 1.0, sizing.describe());
    assertTrue(
        sizing.requiredGb() <= HardwareSizer.USABLE_FRACTION * sizing.hardware().memoryGb() * gpus);
  }

  @Test
  void aModelThatFitsNothingFailsWithWhatItNeedsAndWhatToChange() {
    SizingException e =
        assertThrows(
            SizingException.class,
            () ->
                sizer.size(
                    model("meta-llama/Llama-3.1-405B-Instruct"), Dtype.AUTO, null, null, null));
    assertEquals("model", e.field());
    assertTrue(e.getMessage().contains("needs about 911 GB"), e.getMessage());
    assertTrue(e.getMessage().contains("8 × a100-80gb, offers 576 GB usable"), e.getMessage());
    assertTrue(e.getMessage().contains("quantised dtype"), e.getMessage());
  }

  @Test
  void aContextLongerThanTheModelsIsRefused() {
    SizingException e =
        assertThrows(
            SizingException.class,
            () ->
                sizer.size(
                    model("microsoft/Phi-3-mini-4k-instruct"), Dtype.AUTO, 8192, null, null));
    assertEquals("contextLength", e.field());
    assertTrue(e.getMessage().contains("maximum of 4096"), e.getMessage());
  }

  @Test
  void pinnedHardwareIsUsedWhenTheModelFitsAndNamedWhenItDoesNot() {
    Sizing pinned =
        sizer.size(model("meta-llama/Llama-3.1-8B-Instruct"), Dtype.AUTO, null, null, "h100-80gb");
    assertEquals("h100-80gb", pinned.hardware().id());
    assertEquals(1, pinned.gpuCount());
    assertEquals(4.76, pinned.pricePerHour(), 1e-9);

    SizingException unknown =
        assertThrows(
            SizingException.class,
            () -> sizer.size(model("Qwen/Qwen2.5-0.5B-Instruct"), Dtype.AUTO, null, null, "tpu"));
    assertEquals("hardware", unknown.field());
    assertTrue(unknown.getMessage().contains("l4-24gb"), unknown.getMessage());
  }

  @Test
  void anEmptyCatalogSaysSo() {
    SizingException e =
        assertThrows(
            SizingException.class,
            () ->
                new HardwareSizer(List.of())
                    .size(model("Qwen/Qwen2.5-0.5B-Instruct"), Dtype.AUTO, null, null, null));
    assertTrue(e.getMessage().contains("No hardware is configured"));
  }

  @Test
  void gpuCountsStayWithinOneNode() {
    List<HardwareConfig> small =
        List.of(new HardwareConfig("t4x4", "nvidia-t4", 16.0, 4, 0.35, Map.of()));
    SizingException e =
        assertThrows(
            SizingException.class,
            () ->
                new HardwareSizer(small)
                    .size(model("meta-llama/Llama-3.1-70B-Instruct"), Dtype.FP8, null, null, null));
    assertTrue(e.getMessage().contains("4 × t4x4"), e.getMessage());
  }
}
