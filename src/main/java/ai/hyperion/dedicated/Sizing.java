package ai.hyperion.dedicated;

import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import java.util.Locale;

/**
 * The hardware chosen for an endpoint and why: the memory the model needs (weights, KV cache for
 * the context and concurrency asked, runtime overhead) against what the GPUs offer.
 *
 * @param gpuCount GPUs of {@code hardware} on one node (tensor parallel)
 * @param requiredGb GPU memory needed, in GB
 * @param pricePerHour USD per hour for all {@code gpuCount} GPUs of one replica
 */
public record Sizing(
    HardwareConfig hardware,
    int gpuCount,
    Dtype dtype,
    int contextLength,
    int maxConcurrency,
    double weightsGb,
    double kvCacheGb,
    double requiredGb,
    double pricePerHour,
    ModelFacts.Basis basis) {

  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d × %s (%s, %.0f GB each) for about %.1f GB: weights %.1f GB at %s, KV cache %.1f GB for"
            + " %d tokens × %d sequences, sized from the model's %s",
        gpuCount,
        hardware.id(),
        hardware.gpu(),
        hardware.memoryGb(),
        requiredGb,
        weightsGb,
        dtype.wireName(),
        kvCacheGb,
        contextLength,
        maxConcurrency,
        basis == ModelFacts.Basis.METADATA ? "metadata" : "name");
  }
}
