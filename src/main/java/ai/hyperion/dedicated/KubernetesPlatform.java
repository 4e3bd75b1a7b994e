package ai.hyperion.dedicated;

import ai.hyperion.config.DedicatedConfig.KubernetesPlatformConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each endpoint on Kubernetes: a Deployment (named after the endpoint) of an OpenAI-compatible
 * server image (vLLM by default) with the GPUs sizing chose as resource limits, a ClusterIP Service
 * in front of it, the access token in a Secret (as {@code HF_TOKEN}), and optionally a PVC that
 * keeps downloaded weights across restarts. Sleeping is replicas 0; ready means a pod whose Ready
 * condition is true; a pod that cannot pull its image or keeps crashing is a failure.
 */
public final class KubernetesPlatform implements EndpointPlatform {

  public static final String ENDPOINT_LABEL = "hyperion.ai/endpoint";
  public static final String ORG_LABEL = "hyperion.ai/org";
  static final String CONTAINER = "server";
  private static final Set<String> FATAL_WAITING =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "CreateContainerError");

  private final KubernetesClient client;
  private final KubernetesPlatformConfig config;

  public KubernetesPlatform(KubernetesClient client, KubernetesPlatformConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public boolean nodeBound() {
    return false;
  }

  @Override
  public void start(DeploymentSpec spec) {
    String name = spec.endpointId();
    try {
      if (spec.accessToken() != null && !spec.accessToken().isBlank()) {
        client
            .secrets()
            .inNamespace(config.namespace())
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName(tokenSecret(name))
                    .withLabels(labels(spec))
                    .endMetadata()
                    .withType("Opaque")
                    .addToStringData("HF_TOKEN", spec.accessToken().value())
                    .build())
            .createOr(existing -> existing.update());
      }
      if (config.weightCacheSizeGb() != null
          && client
                  .persistentVolumeClaims()
                  .inNamespace(config.namespace())
                  .withName(weightCache(name))
                  .get()
              == null) {
        client
            .persistentVolumeClaims()
            .inNamespace(config.namespace())
            .resource(
                new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName(weightCache(name))
                    .withLabels(labels(spec))
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(config.weightCacheStorageClass())
                    .withNewResources()
                    .addToRequests("storage", new Quantity(config.weightCacheSizeGb() + "Gi"))
                    .endResources()
                    .endSpec()
                    .build())
            .create();
      }
      Deployment existing = deployments().withName(name).get();
      if (existing == null) {
        deployments().resource(deployment(spec)).create();
      } else {
        scale(name, spec.replicas());
      }
      if (client.services().inNamespace(config.namespace()).withName(name).get() == null) {
        client
            .services()
            .inNamespace(config.namespace())
            .resource(
                new ServiceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(labels(spec))
                    .endMetadata()
                    .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(Map.of(ENDPOINT_LABEL, name))
                    .addNewPort()
                    .withName("http")
                    .withPort(config.port())
                    .withNewTargetPort(config.port())
                    .endPort()
                    .endSpec()
                    .build())
            .create();
      }
    } catch (KubernetesClientException e) {
      throw new PlatformException(
          "Kubernetes refused to deploy " + name + ": " + e.getMessage(), e);
    }
  }

  /** The Deployment of an endpoint: what {@link #start} creates. */
  Deployment deployment(DeploymentSpec spec) {
    String name = spec.endpointId();
    Map<String, String> labels = labels(spec);
    Map<String, Quantity> gpus =
        Map.of(config.gpuResource(), new Quantity(Integer.toString(spec.gpuCount())));
    List<EnvVar> env = new ArrayList<>();
    if (spec.accessToken() != null && !spec.accessToken().isBlank()) {
      env.add(
          new EnvVarBuilder()
              .withName("HF_TOKEN")
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(tokenSecret(name))
              .withKey("HF_TOKEN")
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    // Tensor parallelism shares memory between GPU workers through /dev/shm.
    volumes.add(
        new VolumeBuilder()
            .withName("shm")
            .withNewEmptyDir()
            .withMedium("Memory")
            .endEmptyDir()
            .build());
    mounts.add(new VolumeMountBuilder().withName("shm").withMountPath("/dev/shm").build());
    if (config.weightCacheSizeGb() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("weights")
              .withNewPersistentVolumeClaim()
              .withClaimName(weightCache(name))
              .endPersistentVolumeClaim()
              .build());
      mounts.add(
          new VolumeMountBuilder()
              .withName("weights")
              .withMountPath(config.weightCachePath())
              .build());
    }
    Container container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(config.image())
            .withArgs(spec.expand(config.args(), config.port()))
            .withEnv(env)
            .addNewPort()
            .withName("http")
            .withContainerPort(config.port())
            .endPort()
            .withNewResources()
            .withLimits(gpus)
            .withRequests(gpus)
            .endResources()
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath(config.healthPath())
            .withNewPort(config.port())
            .endHttpGet()
            .withPeriodSeconds(5)
            .withFailureThreshold(3)
            .endReadinessProbe()
            .withVolumeMounts(mounts)
            .build();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(spec.replicas())
        .withNewSelector()
        .addToMatchLabels(ENDPOINT_LABEL, name)
        .endSelector()
        // GPUs cannot be shared by an old and a new pod: replace, do not surge.
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(config.serviceAccount())
        .withNodeSelector(spec.nodeSelector())
        .addNewToleration()
        .withKey(config.gpuResource())
        .withOperator("Exists")
        .withEffect("NoSchedule")
        .endToleration()
        .withContainers(container)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Override
  public void stop(String endpointId) {
    try {
      if (deployments().withName(endpointId).get() != null) {
        scale(endpointId, 0);
      }
    } catch (KubernetesClientException e) {
      throw new PlatformException("Kubernetes refused to scale " + endpointId + " to zero", e);
    }
  }

  private void scale(String name, int replicas) {
    deployments()
        .withName(name)
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas).endSpec().build());
  }

  @Override
  public Readiness probe(String endpointId) {
    Deployment deployment;
    List<Pod> pods;
    try {
      deployment = deployments().withName(endpointId).get();
      if (deployment == null) {
        return new Readiness.Absent();
      }
      Integer replicas = deployment.getSpec().getReplicas();
      if (replicas != null && replicas == 0) {
        return new Readiness.Stopped();
      }
      pods = pods(endpointId);
    } catch (KubernetesClientException e) {
      return new Readiness.Starting("the Kubernetes API did not answer: " + e.getMessage());
    }
    if (pods.isEmpty()) {
      return new Readiness.Starting("no pod yet");
    }
    for (Pod pod : pods) {
      if (condition(pod, "Ready", "True")) {
        return new Readiness.Ready(baseUrl(endpointId));
      }
    }
    for (Pod pod : pods) {
      if ("Failed".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
        return new Readiness.Failed(
            "pod " + pod.getMetadata().getName() + " failed: " + pod.getStatus().getMessage());
      }
      for (ContainerStatus status : containerStatuses(pod)) {
        if (status.getState() != null
            && status.getState().getWaiting() != null
            && FATAL_WAITING.contains(status.getState().getWaiting().getReason())) {
          return new Readiness.Failed(
              status.getState().getWaiting().getReason()
                  + ": "
                  + status.getState().getWaiting().getMessage());
        }
      }
    }
    Pod first = pods.get(0);
    for (PodCondition c : conditions(first)) {
      if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
        return new Readiness.Starting("waiting for a node: " + c.getMessage());
      }
    }
    String phase = first.getStatus() == null ? "Pending" : first.getStatus().getPhase();
    return new Readiness.Starting("pod " + first.getMetadata().getName() + " is " + phase);
  }

  @Override
  public List<String> logs(String endpointId, int maxLines) {
    List<String> lines = new ArrayList<>();
    try {
      for (Pod pod : pods(endpointId)) {
        String log =
            client
                .pods()
                .inNamespace(config.namespace())
                .withName(pod.getMetadata().getName())
                .inContainer(CONTAINER)
                .tailingLines(maxLines)
                .getLog();
        if (log != null && !log.isEmpty()) {
          lines.addAll(Arrays.asList(log.split("\r?\n")));
        }
      }
    } catch (KubernetesClientException e) {
      lines.add("[hyperion] logs unavailable: " + e.getMessage());
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
  }

  @Override
  public void delete(String endpointId) {
    try {
      deployments().withName(endpointId).delete();
      client.services().inNamespace(config.namespace()).withName(endpointId).delete();
      client.secrets().inNamespace(config.namespace()).withName(tokenSecret(endpointId)).delete();
      client
          .persistentVolumeClaims()
          .inNamespace(config.namespace())
          .withName(weightCache(endpointId))
          .delete();
    } catch (KubernetesClientException e) {
      throw new PlatformException("Kubernetes refused to delete " + endpointId, e);
    }
  }

  URI baseUrl(String endpointId) {
    return URI.create(
        config
            .baseUrl()
            .replace("{name}", endpointId)
            .replace("{namespace}", config.namespace())
            .replace("{port}", Integer.toString(config.port())));
  }

  private Map<String, String> labels(DeploymentSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(config.labels());
    labels.put("app.kubernetes.io/name", "hyperion-endpoint");
    labels.put("app.kubernetes.io/managed-by", "hyperion");
    labels.put(ENDPOINT_LABEL, spec.endpointId());
    labels.put(ORG_LABEL, spec.orgId());
    return labels;
  }

  private List<Pod> pods(String endpointId) {
    return client
        .pods()
        .inNamespace(config.namespace())
        .withLabel(ENDPOINT_LABEL, endpointId)
        .list()
        .getItems();
  }

  private NonNamespaceOperation<Deployment, DeploymentList, RollableScalableResource<Deployment>>
      deployments() {
    return client.apps().deployments().inNamespace(config.namespace());
  }

  private static boolean condition(Pod pod, String type, String status) {
    return conditions(pod).stream()
        .anyMatch(c -> type.equals(c.getType()) && status.equals(c.getStatus()));
  }

  private static List<PodCondition> conditions(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null
        ? List.of()
        : pod.getStatus().getConditions();
  }

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  static String tokenSecret(String endpointId) {
    return endpointId + "-token";
  }

  static String weightCache(String endpointId) {
    return endpointId + "-weights";
  }
}
