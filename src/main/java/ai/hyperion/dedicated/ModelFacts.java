package ai.hyperion.dedicated;

/**
 * What sizing needs to know about a model: its parameter count and the shape of its KV cache
 * (layers × KV heads × head dimension per token), its longest context when known, and the
 * quantisation its checkpoint declares. {@code basis} says where the numbers came from.
 */
public record ModelFacts(
    String model,
    long parameters,
    int layers,
    int kvHeads,
    int headDim,
    Integer maxContext,
    String quantization,
    Basis basis) {

  /** Where the facts come from: the model's published metadata, or a guess from its name. */
  public enum Basis {
    METADATA,
    NAME
  }

  public ModelFacts {
    if (parameters <= 0 || layers <= 0 || kvHeads <= 0 || headDim <= 0) {
      throw new IllegalArgumentException("Model facts must be positive: " + model);
    }
  }

  /** KV-cache bytes for one token at the given element size (K and V, every layer). */
  public double kvBytesPerToken(double elementBytes) {
    return 2.0 * layers * kvHeads * headDim * elementBytes;
  }
}
