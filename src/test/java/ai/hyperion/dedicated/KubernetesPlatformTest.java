package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.DedicatedConfig.KubernetesPlatformConfig;
import ai.hyperion.provider.Secret;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes platform against fabric8's mock API server in CRUD mode: what it creates, scaling
 * to zero and back, readiness driven by the pod status the test writes (standing in for the
 * kubelet), failure detection, logs and deletion.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlatformTest {

  static final String NS = "models";

  KubernetesMockServer server;
  KubernetesClient client;
  KubernetesPlatform platform;

  @BeforeEach
  void setUp() {
    platform =
        new KubernetesPlatform(
            client,
            new KubernetesPlatformConfig(
                null,
                NS,
                "vllm/vllm-openai:v0.8.5",
                null,
                8000,
                null,
                "/health",
                null,
                200,
                "fast-ssd",
                null,
                "hyperion-models",
                Map.of("team", "ml")));
  }

  static DeploymentSpec spec(String id, int replicas) {
    return new DeploymentSpec(
        id,
        "org_acme",
        "meta-llama/Llama-3.1-70B-Instruct",
        8192,
        Dtype.FP8,
        16,
        List.of("--enable-prefix-caching"),
        "nvidia-h100-80gb",
        2,
        Map.of("cloud.google.com/gke-accelerator", "nvidia-h100-80gb"),
        replicas,
        new Secret("hf_k8sGatedToken0123456789"));
  }

  private Deployment deployment(String id) {
    return client.apps().deployments().inNamespace(NS).withName(id).get();
  }

  private void pod(String id, String name, Map<String, String> conditions, String waiting) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels(KubernetesPlatform.ENDPOINT_LABEL, id)
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus();
    conditions.forEach(
        (type, status) ->
            pod.editStatus()
                .addNewCondition()
                .withType(type)
                .withStatus(status)
                .withReason(status.equals("False") ? "Unschedulable" : null)
                .withMessage(
                    status.equals("False")
                        ? "0/4 nodes are available: Insufficient nvidia.com/gpu"
                        : null)
                .endCondition()
                .endStatus());
    if (waiting != null) {
      pod.editStatus()
          .addNewContainerStatus()
          .withName(KubernetesPlatform.CONTAINER)
          .withNewState()
          .withNewWaiting()
          .withReason(waiting)
          .withMessage("back-off 5m0s restarting failed container")
          .endWaiting()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    client.pods().inNamespace(NS).resource(pod.build()).createOr(existing -> existing.update());
  }

  @Test
  void createsADeploymentWithTheImageArgumentsGpusAndLabelsAServiceASecretAndAVolume() {
    platform.start(spec("endpt-abc123def456", 1));

    Deployment deployment = deployment("endpt-abc123def456");
    assertNotNull(deployment);
    assertEquals(1, deployment.getSpec().getReplicas());
    assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
    Map<String, String> labels = deployment.getMetadata().getLabels();
    assertEquals("endpt-abc123def456", labels.get(KubernetesPlatform.ENDPOINT_LABEL));
    assertEquals("org_acme", labels.get(KubernetesPlatform.ORG_LABEL));
    assertEquals("hyperion", labels.get("app.kubernetes.io/managed-by"));
    assertEquals("ml", labels.get("team"));
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals("hyperion-models", pod.getServiceAccountName());
    assertEquals("nvidia-h100-80gb", pod.getNodeSelector().get("cloud.google.com/gke-accelerator"));
    assertEquals("nvidia.com/gpu", pod.getTolerations().get(0).getKey());
    Container container = pod.getContainers().get(0);
    assertEquals("vllm/vllm-openai:v0.8.5", container.getImage());
    assertEquals(
        List.of(
            "--model",
            "meta-llama/Llama-3.1-70B-Instruct",
            "--host",
            "0.0.0.0",
            "--port",
            "8000",
            "--max-model-len",
            "8192",
            "--dtype",
            "auto",
            "--tensor-parallel-size",
            "2",
            "--max-num-seqs",
            "16",
            "--quantization",
            "fp8",
            "--enable-prefix-caching"),
        container.getArgs());
    assertEquals(new Quantity("2"), container.getResources().getLimits().get("nvidia.com/gpu"));
    assertEquals(new Quantity("2"), container.getResources().getRequests().get("nvidia.com/gpu"));
    assertEquals("/health", container.getReadinessProbe().getHttpGet().getPath());
    EnvVar token = container.getEnv().get(0);
    assertEquals("HF_TOKEN", token.getName());
    assertNull(token.getValue(), "the token is referenced, not inlined");
    assertEquals("endpt-abc123def456-token", token.getValueFrom().getSecretKeyRef().getName());
    assertTrue(
        container.getVolumeMounts().stream()
            .anyMatch(m -> m.getMountPath().equals("/root/.cache/huggingface")));

    var secret = client.secrets().inNamespace(NS).withName("endpt-abc123def456-token").get();
    String stored =
        secret.getStringData() != null && secret.getStringData().containsKey("HF_TOKEN")
            ? secret.getStringData().get("HF_TOKEN")
            : new String(
                Base64.getDecoder().decode(secret.getData().get("HF_TOKEN")),
                StandardCharsets.UTF_8);
    assertEquals("hf_k8sGatedToken0123456789", stored);
    var service = client.services().inNamespace(NS).withName("endpt-abc123def456").get();
    assertEquals(8000, service.getSpec().getPorts().get(0).getPort());
    assertEquals(
        "endpt-abc123def456",
        service.getSpec().getSelector().get(KubernetesPlatform.ENDPOINT_LABEL));
    var pvc =
        client
            .persistentVolumeClaims()
            .inNamespace(NS)
            .withName("endpt-abc123def456-weights")
            .get();
    assertEquals(new Quantity("200Gi"), pvc.getSpec().getResources().getRequests().get("storage"));
    assertEquals("fast-ssd", pvc.getSpec().getStorageClassName());
  }

  @Test
  void readinessFollowsThePodStatus() {
    String id = "endpt-ready0000001";
    platform.start(spec(id, 1));
    assertEquals(new Readiness.Starting("no pod yet"), platform.probe(id));

    pod(id, id + "-7d9f-x1", Map.of("PodScheduled", "False"), null);
    Readiness waiting = platform.probe(id);
    assertInstanceOf(Readiness.Starting.class, waiting);
    assertTrue(
        ((Readiness.Starting) waiting).detail().contains("Insufficient nvidia.com/gpu"),
        waiting.toString());

    pod(id, id + "-7d9f-x1", Map.of("PodScheduled", "True", "Ready", "False"), null);
    assertInstanceOf(Readiness.Starting.class, platform.probe(id));

    pod(id, id + "-7d9f-x1", Map.of("PodScheduled", "True", "Ready", "True"), null);
    assertEquals(
        new Readiness.Ready(URI.create("http://" + id + ".models.svc.cluster.local:8000/v1")),
        platform.probe(id));
  }

  @Test
  void sleepingIsReplicasZeroAndWakingScalesBack() {
    String id = "endpt-scale000001";
    platform.start(spec(id, 2));
    assertEquals(2, deployment(id).getSpec().getReplicas());
    platform.stop(id);
    assertEquals(0, deployment(id).getSpec().getReplicas());
    assertEquals(new Readiness.Stopped(), platform.probe(id));
    platform.start(spec(id, 1));
    assertEquals(1, deployment(id).getSpec().getReplicas());
    assertEquals(
        "vllm/vllm-openai:v0.8.5",
        deployment(id).getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        "scaling keeps the definition");
  }

  @Test
  void aCrashLoopingServerIsAFailure() {
    String id = "endpt-crash000001";
    platform.start(spec(id, 1));
    pod(id, id + "-a", Map.of("PodScheduled", "True", "Ready", "False"), "CrashLoopBackOff");
    Readiness readiness = platform.probe(id);
    assertInstanceOf(Readiness.Failed.class, readiness);
    assertTrue(((Readiness.Failed) readiness).reason().startsWith("CrashLoopBackOff"));
  }

  @Test
  void logsAreReadBackFromTheServerContainer() {
    String id = "endpt-logs0000001";
    platform.start(spec(id, 1));
    pod(id, id + "-p", Map.of("Ready", "True"), null);
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/models/pods/"
                + id
                + "-p/log?pretty=false&container=server&tailLines=2")
        .andReturn(200, "INFO loading weights\nINFO Uvicorn running on http://0.0.0.0:8000\n")
        .always();
    assertEquals(
        List.of("INFO loading weights", "INFO Uvicorn running on http://0.0.0.0:8000"),
        platform.logs(id, 2));
  }

  @Test
  void deletionRemovesEverything() {
    String id = "endpt-delete00001";
    platform.start(spec(id, 1));
    platform.delete(id);
    assertNull(deployment(id));
    assertNull(client.services().inNamespace(NS).withName(id).get());
    assertNull(client.secrets().inNamespace(NS).withName(id + "-token").get());
    assertNull(client.persistentVolumeClaims().inNamespace(NS).withName(id + "-weights").get());
    assertEquals(new Readiness.Absent(), platform.probe(id));
    platform.delete(id);
  }

  /** Unused pods are not mistaken for the endpoint's: only its label counts. */
  @Test
  void onlyTheEndpointsOwnPodsCount() {
    String id = "endpt-label000001";
    platform.start(spec(id, 1));
    Pod stranger =
        new PodBuilder()
            .withNewMetadata()
            .withName("stranger")
            .withNamespace(NS)
            .addToLabels(KubernetesPlatform.ENDPOINT_LABEL, "endpt-other000001")
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    client.pods().inNamespace(NS).resource(stranger).create();
    assertEquals(new Readiness.Starting("no pod yet"), platform.probe(id));
  }
}
