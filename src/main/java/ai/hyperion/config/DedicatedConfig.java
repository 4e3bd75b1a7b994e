package ai.hyperion.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code dedicated:} section of gateway.yaml: where private model deployments run ({@code
 * platform}: {@code local} processes or {@code kubernetes}), the hardware catalog they are sized
 * against, and each platform's settings. An empty hardware catalog turns provisioning off.
 */
public record DedicatedConfig(
    String platform,
    List<HardwareConfig> hardware,
    LocalPlatformConfig local,
    KubernetesPlatformConfig kubernetes) {

  public static final String LOCAL = "local";
  public static final String KUBERNETES = "kubernetes";

  public DedicatedConfig {
    platform = platform == null || platform.isBlank() ? LOCAL : platform;
    hardware = hardware == null ? List.of() : List.copyOf(hardware);
    local = local == null ? LocalPlatformConfig.defaults() : local;
    kubernetes = kubernetes == null ? KubernetesPlatformConfig.defaults() : kubernetes;
  }

  public static DedicatedConfig none() {
    return new DedicatedConfig(null, null, null, null);
  }

  /**
   * One kind of GPU node.
   *
   * @param memoryGb memory of one GPU, in GB (10^9 bytes)
   * @param gpusPerNode how many of these GPUs one node has: a deployment uses at most that many
   * @param pricePerHour USD per GPU per hour, what GPU-time metering records
   * @param nodeSelector Kubernetes node labels that select this hardware (optional)
   */
  public record HardwareConfig(
      String id,
      String gpu,
      Double memoryGb,
      Integer gpusPerNode,
      Double pricePerHour,
      Map<String, String> nodeSelector) {

    public HardwareConfig {
      nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    }
  }

  /**
   * Local processes: {@code command} is the server's command line, one argument per entry, with the
   * placeholders {@code {model} {port} {context} {dtype} {gpus} {concurrency}}; an entry that is
   * exactly {@code {engine-args}} expands to the endpoint's engine arguments. The process gets the
   * access token as {@code HF_TOKEN}. {@code health-path} answers 200 when it is ready.
   */
  public record LocalPlatformConfig(
      List<String> command,
      String healthPath,
      Map<String, String> environment,
      String workingDirectory,
      Integer stopTimeoutSeconds,
      Integer logLines) {

    public static final List<String> VLLM =
        List.of(
            "vllm",
            "serve",
            "{model}",
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
            "--max-model-len",
            "{context}",
            "--dtype",
            "{dtype}",
            "--tensor-parallel-size",
            "{gpus}",
            "--max-num-seqs",
            "{concurrency}",
            "{engine-args}");

    public LocalPlatformConfig {
      command = command == null || command.isEmpty() ? VLLM : List.copyOf(command);
      healthPath = healthPath == null || healthPath.isBlank() ? "/v1/models" : healthPath;
      environment = environment == null ? Map.of() : Map.copyOf(environment);
      stopTimeoutSeconds = stopTimeoutSeconds == null ? 20 : stopTimeoutSeconds;
      logLines = logLines == null ? 500 : logLines;
    }

    public static LocalPlatformConfig defaults() {
      return new LocalPlatformConfig(null, null, null, null, null, null);
    }
  }

  /**
   * Kubernetes: a Deployment of {@code image} (an OpenAI-compatible server, vLLM by default) with
   * {@code args} (same placeholders as the local command), ready when {@code health-path} answers
   * (the pod's readiness probe), a Service on {@code port}, and, with {@code weight-cache-size-gb},
   * a PVC mounted at {@code weight-cache-path} for downloaded weights. {@code base-url} is how the
   * gateway reaches the Service ({@code {name} {namespace} {port}} placeholders); {@code
   * master-url} empty means in-cluster or ~/.kube/config.
   */
  public record KubernetesPlatformConfig(
      String masterUrl,
      String namespace,
      String image,
      List<String> args,
      Integer port,
      String gpuResource,
      String healthPath,
      String baseUrl,
      Integer weightCacheSizeGb,
      String weightCacheStorageClass,
      String weightCachePath,
      String serviceAccount,
      Map<String, String> labels) {

    public static final String VLLM_IMAGE = "vllm/vllm-openai:v0.8.5";
    public static final List<String> VLLM_ARGS =
        List.of(
            "--model",
            "{model}",
            "--host",
            "0.0.0.0",
            "--port",
            "{port}",
            "--max-model-len",
            "{context}",
            "--dtype",
            "{dtype}",
            "--tensor-parallel-size",
            "{gpus}",
            "--max-num-seqs",
            "{concurrency}",
            "{engine-args}");

    public KubernetesPlatformConfig {
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
      image = image == null || image.isBlank() ? VLLM_IMAGE : image;
      args = args == null || args.isEmpty() ? VLLM_ARGS : List.copyOf(args);
      port = port == null ? 8000 : port;
      gpuResource = gpuResource == null || gpuResource.isBlank() ? "nvidia.com/gpu" : gpuResource;
      healthPath = healthPath == null || healthPath.isBlank() ? "/v1/models" : healthPath;
      baseUrl =
          baseUrl == null || baseUrl.isBlank()
              ? "http://{name}.{namespace}.svc.cluster.local:{port}/v1"
              : baseUrl;
      weightCachePath =
          weightCachePath == null || weightCachePath.isBlank()
              ? "/root/.cache/huggingface"
              : weightCachePath;
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static KubernetesPlatformConfig defaults() {
      return new KubernetesPlatformConfig(
          null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
  }
}
