package ai.hyperion.dedicated;

import ai.hyperion.provider.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a platform runs for an endpoint: the model, the runtime settings, the GPUs sizing chose and
 * the replicas to serve with. {@code accessToken} (gated weights) is null when none was given; it
 * reaches the server as {@code HF_TOKEN} and masks itself in {@code toString()}.
 */
public record DeploymentSpec(
    String endpointId,
    String orgId,
    String model,
    int contextLength,
    Dtype dtype,
    int maxConcurrency,
    List<String> engineArgs,
    String gpuKind,
    int gpuCount,
    Map<String, String> nodeSelector,
    int replicas,
    Secret accessToken) {

  public DeploymentSpec {
    engineArgs = List.copyOf(engineArgs);
    nodeSelector = Map.copyOf(nodeSelector);
  }

  /**
   * Fills a command-line template: {@code {model} {port} {context} {dtype} {gpus} {concurrency}}
   * inside entries, and an entry that is exactly {@code {engine-args}} becomes the quantisation
   * flag (for fp8, awq, gptq) followed by the endpoint's engine arguments.
   */
  public List<String> expand(List<String> template, int port) {
    ArrayList<String> out = new ArrayList<>();
    for (String entry : template) {
      if (entry.equals("{engine-args}")) {
        if (dtype.quantization() != null) {
          out.add("--quantization");
          out.add(dtype.quantization());
        }
        out.addAll(engineArgs);
        continue;
      }
      out.add(
          entry
              .replace("{model}", model)
              .replace("{port}", Integer.toString(port))
              .replace("{context}", Integer.toString(contextLength))
              .replace("{dtype}", dtype.serverDtype())
              .replace("{gpus}", Integer.toString(gpuCount))
              .replace("{concurrency}", Integer.toString(maxConcurrency)));
    }
    return out;
  }
}
