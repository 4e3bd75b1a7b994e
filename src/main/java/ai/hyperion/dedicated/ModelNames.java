package ai.hyperion.dedicated;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses a model's size from its name when no metadata is available: {@code Llama-3.1-8B} → 8
 * billion, {@code Qwen2.5-0.5B} → 0.5 billion, {@code mixtral-8x7b} → 8 experts of 7 billion (about
 * 85% of 8 × 7: experts share their attention layers), and quantisation hints such as {@code AWQ},
 * {@code GPTQ} or {@code FP8}. The KV-cache shape is that of a typical grouped-query model of that
 * size (8 KV heads of 128, a layer count by size), which errs on the large side.
 */
public final class ModelNames {

  private static final Pattern MOE =
      Pattern.compile("(?<![a-z0-9.])(\\d+)x(\\d+(?:\\.\\d+)?)b(?![a-z0-9])");
  private static final Pattern DENSE =
      Pattern.compile("(?<![a-z0-9.])(\\d+(?:\\.\\d+)?)([bm])(?![a-z0-9])");
  static final double MOE_SHARED_FACTOR = 0.85;

  private ModelNames() {}

  public static Optional<ModelFacts> guess(String model) {
    String name = model.toLowerCase(Locale.ROOT);
    String quantization = Dtype.ofQuantization(name).map(Dtype::wireName).orElse(null);
    Matcher moe = MOE.matcher(name);
    if (moe.find()) {
      int experts = Integer.parseInt(moe.group(1));
      double expertBillions = Double.parseDouble(moe.group(2));
      long parameters = Math.round(experts * expertBillions * MOE_SHARED_FACTOR * 1e9);
      return Optional.of(facts(model, parameters, expertBillions, quantization));
    }
    Matcher dense = DENSE.matcher(name);
    if (dense.find()) {
      double amount = Double.parseDouble(dense.group(1));
      double billions = dense.group(2).equals("m") ? amount / 1000 : amount;
      if (billions <= 0) {
        return Optional.empty();
      }
      return Optional.of(facts(model, Math.round(billions * 1e9), billions, quantization));
    }
    return Optional.empty();
  }

  private static ModelFacts facts(
      String model, long parameters, double layerClassBillions, String quantization) {
    return new ModelFacts(
        model,
        parameters,
        layersFor(layerClassBillions),
        8,
        128,
        null,
        quantization,
        ModelFacts.Basis.NAME);
  }

  /** Layer counts of common model families by size (Llama, Qwen, Mistral). */
  static int layersFor(double billions) {
    if (billions <= 3) {
      return 28;
    }
    if (billions <= 9) {
      return 32;
    }
    if (billions <= 15) {
      return 40;
    }
    if (billions <= 35) {
      return 64;
    }
    if (billions <= 80) {
      return 80;
    }
    return 126;
  }
}
