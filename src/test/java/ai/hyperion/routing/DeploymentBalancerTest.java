package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ModelDeployment choice: weights, prefix affinity, outlier ejection. No upstream calls. */
class DeploymentBalancerTest {

  private static final String YAML =
      """
      providers:
        pa: {type: openai, base-url: "${A}", api-keys: [sk-a1-000000000000, sk-a2-000000000000]}
        pb: {type: openai, base-url: "${B}", api-keys: [sk-b1-000000000000]}
        pc: {type: openai, base-url: "${C}", api-keys: [sk-c1-000000000000]}
      models:
        - id: m
          provider: pa
          deployments:
            - {provider: pa, weight: 3}
            - {provider: pb, weight: 1}
        - id: even
          provider: pa
          deployments: [{provider: pa}, {provider: pb}, {provider: pc}]
      routing:
        affinity: {ttl-seconds: 60, min-prefix-tokens: 50}
        balancer: {min-samples: 3, ejection-latency-factor: 3, ejection-seconds: 30}
      """;

  private final RoutingWorld world = new RoutingWorld(YAML);

  @AfterEach
  void close() {
    world.close();
  }

  private Lease take(String model, String fingerprint) {
    Lease lease = world.balancer.acquire(world.model(model), fingerprint, Set.of()).orElseThrow();
    lease.succeeded(Lease.NO_HEADERS);
    return lease;
  }

  @Test
  void idleTrafficFollowsTheWeights() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      counts.merge(take("m", null).deployment().provider(), 1, Integer::sum);
    }
    double share = counts.get("pa") / 4000.0;
    assertTrue(Math.abs(share - 0.75) < 0.05, "weight 3 of 4 got " + share);
  }

  @Test
  void theSamePrefixGoesToTheSameDeploymentAndKeyAndDifferentPrefixesBalance() {
    String system = "You are the support assistant of ACME. Policies: " + "refunds ".repeat(200);
    Map<String, Integer> perDeployment = new HashMap<>();
    int hits = 0;
    int requests = 0;
    for (int customer = 0; customer < 90; customer++) {
      String tenantSystem = "Customer " + customer + ". " + system;
      String first = null;
      for (int turn = 0; turn < 5; turn++) {
        ChatRequest request = conversation(tenantSystem, turn);
        String fp = PrefixFingerprint.of(request, "even", 50).orElseThrow();
        Lease lease = take("even", fp);
        String where = lease.deployment().id() + "#" + lease.key().index();
        if (first == null) {
          first = where;
          perDeployment.merge(lease.deployment().provider(), 1, Integer::sum);
        } else {
          assertEquals(first, where, "customer " + customer + " turn " + turn);
        }
        hits += lease.affinityHit() ? 1 : 0;
        requests++;
      }
    }
    assertEquals(90 * 4, hits, "every turn after the first is an affinity hit");
    assertEquals(4 * 90, world.affinity.stats().hits());
    for (String provider : List.of("pa", "pb", "pc")) {
      int n = perDeployment.getOrDefault(provider, 0);
      assertTrue(n >= 15 && n <= 45, provider + " got " + n + " of 90 prefixes: " + perDeployment);
    }
    assertEquals(450, requests);
  }

  @Test
  void aBindingExpiresAfterItsTtlAndMovesWhenItsTargetIsUnavailable() {
    String fp = "f".repeat(32);
    Lease first = take("even", fp);
    world.clock.advance(Duration.ofSeconds(61));
    assertTrue(world.affinity.lookup(fp).isEmpty());
    Lease again = take("even", fp);
    ModelDeployment bound = again.deployment();
    for (int i = 0; i < 5; i++) {
      bound.breaker().tryAcquire();
      bound.breaker().onFailure();
    }
    Lease moved = take("even", fp);
    assertNotEquals(bound.id(), moved.deployment().id());
    assertEquals(1, world.affinity.stats().moved());
    assertNotNull(first);
  }

  @Test
  void aDeploymentFarSlowerThanItsPeersIsEjectedForAWhile() {
    List<ModelDeployment> deployments = world.registry.ofModel("even");
    for (int i = 0; i < 3; i++) {
      for (ModelDeployment d : deployments) {
        world.balancer.recordLatency(d, d.provider().equals("pc") ? 900 : 100);
      }
    }
    ModelDeployment slow = deployments.get(2);
    assertNotNull(slow.snapshot().ejectedUntil());
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      chosen.add(take("even", null).deployment().provider());
    }
    assertTrue(!chosen.contains("pc"), "an ejected deployment got calls");
    world.clock.advance(Duration.ofSeconds(30));
    List<String> after = new ArrayList<>();
    // Two random choices pick the slow one only when both land on it (1 in 9): 300 draws miss it
    // with a probability of 1e-15 (50 draws did, once in a few hundred runs).
    for (int i = 0; i < 300; i++) {
      after.add(take("even", null).deployment().provider());
    }
    assertTrue(after.contains("pc"), "back after its ejection time");
  }

  private static ChatRequest conversation(String system, int turns) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.text(Role.SYSTEM, system));
    for (int i = 0; i < turns; i++) {
      messages.add(ChatMessage.text(Role.USER, "question " + i));
      messages.add(ChatMessage.text(Role.ASSISTANT, "answer " + i));
    }
    messages.add(ChatMessage.text(Role.USER, "new question " + turns));
    return new ChatRequest(
        "even", messages, false, false, null, null, null, null, null, null, null, null, null);
  }
}
