package ai.hyperion.dedicated;

import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the cheapest hardware that holds a model: weights (parameters × bytes per parameter of
 * the dtype) plus KV cache (bytes per token × context × concurrent sequences), plus {@value
 * #OVERHEAD} for activations and CUDA graphs, must fit in {@value #USABLE_FRACTION} of the GPUs'
 * memory (vLLM's default memory utilisation). GPU counts are powers of two up to the node's count
 * (tensor parallelism splits attention heads evenly). Cheapest by price per hour, then by fewer
 * GPUs, then catalog order.
 */
public final class HardwareSizer {

  static final double OVERHEAD = 0.10;
  static final double USABLE_FRACTION = 0.90;
  static final int DEFAULT_CONTEXT = 8192;
  static final int DEFAULT_CONCURRENCY = 4;
  private static final int[] GPU_COUNTS = {1, 2, 4, 8, 16};

  private final List<HardwareConfig> catalog;

  public HardwareSizer(List<HardwareConfig> catalog) {
    this.catalog = List.copyOf(catalog);
  }

  /**
   * @param requestedContext tokens per sequence, or null for min(8192, the model's maximum)
   * @param requestedConcurrency concurrent sequences, or null for {@value #DEFAULT_CONCURRENCY}
   * @param pinnedHardware a catalog id to use, or null to choose
   */
  public Sizing size(
      ModelFacts facts,
      Dtype requested,
      Integer requestedContext,
      Integer requestedConcurrency,
      String pinnedHardware) {
    if (catalog.isEmpty()) {
      throw new SizingException(
          "hardware", "No hardware is configured for dedicated endpoints (gateway.yaml).");
    }
    int context = context(facts, requestedContext);
    int concurrency = requestedConcurrency == null ? DEFAULT_CONCURRENCY : requestedConcurrency;
    Dtype dtype =
        requested == Dtype.AUTO
            ? Dtype.ofQuantization(facts.quantization()).orElse(Dtype.AUTO)
            : requested;
    double weightsGb = facts.parameters() * dtype.bytesPerParameter() / 1e9;
    double kvGb =
        facts.kvBytesPerToken(dtype.kvCacheBytes()) * (double) context * concurrency / 1e9;
    double requiredGb = (weightsGb + kvGb) * (1 + OVERHEAD);

    List<HardwareConfig> candidates =
        pinnedHardware == null
            ? catalog
            : catalog.stream().filter(h -> h.id().equals(pinnedHardware)).toList();
    if (pinnedHardware != null) {
      if (candidates.isEmpty()) {
        throw new SizingException(
            "hardware",
            "No hardware '"
                + pinnedHardware
                + "' in the catalog; choose one of "
                + catalog.stream().map(HardwareConfig::id).toList()
                + ".");
      }
    }
    Optional<Sizing> best =
        candidates.stream()
            .flatMap(
                hw ->
                    Arrays.stream(GPU_COUNTS)
                        .filter(n -> n <= hw.gpusPerNode())
                        .filter(n -> requiredGb <= USABLE_FRACTION * hw.memoryGb() * n)
                        .mapToObj(
                            n ->
                                new Sizing(
                                    hw,
                                    n,
                                    dtype,
                                    context,
                                    concurrency,
                                    weightsGb,
                                    kvGb,
                                    requiredGb,
                                    hw.pricePerHour() * n,
                                    facts.basis())))
            .min(
                Comparator.comparingDouble(Sizing::pricePerHour)
                    .thenComparingInt(Sizing::gpuCount));
    return best.orElseThrow(
        () ->
            tooLarge(facts, dtype, context, concurrency, weightsGb, kvGb, requiredGb, candidates));
  }

  private static int context(ModelFacts facts, Integer requested) {
    if (requested == null) {
      return facts.maxContext() == null
          ? DEFAULT_CONTEXT
          : Math.min(DEFAULT_CONTEXT, facts.maxContext());
    }
    if (facts.maxContext() != null && requested > facts.maxContext()) {
      throw new SizingException(
          "contextLength",
          "contextLength "
              + requested
              + " is longer than the model's maximum of "
              + facts.maxContext()
              + " tokens.");
    }
    return requested;
  }

  private static SizingException tooLarge(
      ModelFacts facts,
      Dtype dtype,
      int context,
      int concurrency,
      double weightsGb,
      double kvGb,
      double requiredGb,
      List<HardwareConfig> candidates) {
    HardwareConfig largest =
        candidates.stream()
            .max(Comparator.comparingDouble(h -> h.memoryGb() * maxCount(h)))
            .orElseThrow();
    int count = maxCount(largest);
    return new SizingException(
        "model",
        String.format(
            Locale.ROOT,
            "The model '%s' does not fit any hardware: it needs about %.0f GB of GPU memory"
                + " (weights %.0f GB at %s, KV cache %.1f GB for %d tokens × %d sequences, +%d%%"
                + " overhead), and the largest choice, %d × %s, offers %.0f GB usable. Use a"
                + " quantised dtype (fp8, awq, gptq), a shorter contextLength or a lower"
                + " maxConcurrency, or add larger hardware to the catalog.",
            facts.model(),
            requiredGb,
            weightsGb,
            dtype.wireName(),
            kvGb,
            context,
            concurrency,
            Math.round(OVERHEAD * 100),
            count,
            largest.id(),
            USABLE_FRACTION * largest.memoryGb() * count));
  }

  private static int maxCount(HardwareConfig hw) {
    int max = 1;
    for (int n : GPU_COUNTS) {
      if (n <= hw.gpusPerNode()) {
        max = n;
      }
    }
    return max;
  }
}
