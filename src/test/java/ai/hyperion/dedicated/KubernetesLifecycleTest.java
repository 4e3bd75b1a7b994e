package ai.hyperion.dedicated;

import static ai.hyperion.dedicated.DedicatedLifecycleContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.DedicatedConfig.KubernetesPlatformConfig;
import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointRequests.ScalingRequest;
import ai.hyperion.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle monitor driving the Kubernetes platform (fabric8's mock API server, CRUD mode) on
 * Derby: the test plays the kubelet, creating a Ready pod when the Deployment wants one and
 * removing it when it is scaled to zero.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLifecycleTest {

  static final String NS = "models";

  KubernetesClient client;
  DedicatedHarness h;

  @BeforeEach
  void setUp() {
    KubernetesPlatformConfig config =
        new KubernetesPlatformConfig(
            null, NS, null, null, 8000, null, null, null, null, null, null, null, null);
    h =
        new DedicatedHarness(
            TestDatabase.derby(),
            new KubernetesPlatform(client, config),
            Duration.ofMillis(200),
            Duration.ofMillis(100));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private Deployment deployment(String id) {
    return client.apps().deployments().inNamespace(NS).withName(id).get();
  }

  private void kubeletStartsPod(String id, String pod) {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(pod)
                .addToLabels(KubernetesPlatform.ENDPOINT_LABEL, id)
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  @Test
  void buildsSleepsAtReplicasZeroAndWakesOnARequest() throws Exception {
    String id =
        h.service
            .provision(
                h.orgAdmin,
                null,
                new ProvisionRequest(
                    "acme/tiny-0.5b",
                    null,
                    null,
                    null,
                    2048,
                    null,
                    2,
                    null,
                    null,
                    null,
                    new ScalingRequest(0, 1, 2),
                    null))
            .id();
    await("a Deployment", Duration.ofSeconds(20), () -> deployment(id) != null);
    assertEquals(EndpointStatus.BUILDING, h.status(id));
    assertEquals(1, deployment(id).getSpec().getReplicas());

    kubeletStartsPod(id, id + "-a");
    await("up", Duration.ofSeconds(20), () -> h.status(id) == EndpointStatus.UP);
    assertTrue(h.mail.waitForIncomingEmail(5000, 1));
    ServingTarget target =
        h.endpoints.resolve(id, h.acme).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(
        URI.create("http://" + id + ".models.svc.cluster.local:8000/v1"), target.baseUrl());

    await("sleeping", Duration.ofSeconds(20), () -> h.status(id) == EndpointStatus.SLEEPING);
    await(
        "scaled to zero",
        Duration.ofSeconds(10),
        () -> deployment(id).getSpec().getReplicas() == 0);
    client.pods().inNamespace(NS).withName(id + "-a").delete();

    CompletableFuture<ServingTarget> woken = h.endpoints.resolve(id, h.acme).toCompletableFuture();
    await(
        "scaled back up",
        Duration.ofSeconds(20),
        () -> deployment(id).getSpec().getReplicas() == 1);
    assertEquals(EndpointStatus.WAKING_UP, h.status(id));
    kubeletStartsPod(id, id + "-b");
    assertEquals(target, woken.get(20, TimeUnit.SECONDS));
    assertEquals(EndpointStatus.UP, h.status(id));
    assertEquals(2, h.store.gpuUsage(id).size());

    h.service.delete(h.orgAdmin, null, id);
    await("gone", Duration.ofSeconds(20), () -> h.status(id) == null);
    assertEquals(null, deployment(id));
    assertEquals(null, client.services().inNamespace(NS).withName(id).get());
    assertTrue(h.mail.waitForIncomingEmail(5000, 2));
  }
}
