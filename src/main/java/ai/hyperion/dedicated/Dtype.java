package ai.hyperion.dedicated;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The precision an endpoint serves the model's weights in: what sizing counts per parameter and
 * what the inference server is told ({@code --dtype}, and {@code --quantization} for quantised
 * formats). {@code AUTO} lets the server take the checkpoint's own precision (16-bit, or the
 * quantisation the checkpoint declares).
 */
public enum Dtype {
  AUTO("auto", 2.0, null),
  BFLOAT16("bfloat16", 2.0, null),
  FLOAT16("float16", 2.0, null),
  FLOAT32("float32", 4.0, null),
  FP8("fp8", 1.0, "fp8"),
  AWQ("awq", 0.5, "awq"),
  GPTQ("gptq", 0.5, "gptq");

  private final String wireName;
  private final double bytesPerParameter;
  private final String quantization;

  Dtype(String wireName, double bytesPerParameter, String quantization) {
    this.wireName = wireName;
    this.bytesPerParameter = bytesPerParameter;
    this.quantization = quantization;
  }

  /** The name in the API and in the server's arguments. */
  public String wireName() {
    return wireName;
  }

  public double bytesPerParameter() {
    return bytesPerParameter;
  }

  /** The server's {@code --quantization} method, or null for plain floating point. */
  public String quantization() {
    return quantization;
  }

  /** The {@code --dtype} to pass: quantised formats keep the activations at the default. */
  public String serverDtype() {
    return quantization == null ? wireName : "auto";
  }

  /** Bytes of one KV-cache element: 32-bit models keep a 32-bit cache, all others 16-bit. */
  public double kvCacheBytes() {
    return this == FLOAT32 ? 4.0 : 2.0;
  }

  public static Optional<Dtype> parse(String text) {
    if (text == null) {
      return Optional.of(AUTO);
    }
    String name = text.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "bf16" -> Optional.of(BFLOAT16);
      case "fp16", "half" -> Optional.of(FLOAT16);
      case "fp32", "float" -> Optional.of(FLOAT32);
      default -> Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
    };
  }

  /** A quantisation method a checkpoint declares (config.json or its name), if we know it. */
  static Optional<Dtype> ofQuantization(String method) {
    if (method == null) {
      return Optional.empty();
    }
    String name = method.toLowerCase(Locale.ROOT);
    if (name.contains("awq")) {
      return Optional.of(AWQ);
    }
    if (name.contains("gptq")) {
      return Optional.of(GPTQ);
    }
    if (name.contains("fp8")) {
      return Optional.of(FP8);
    }
    return Optional.empty();
  }
}
