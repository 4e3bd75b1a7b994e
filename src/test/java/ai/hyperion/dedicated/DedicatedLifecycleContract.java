package ai.hyperion.dedicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.auth.UserRole;
import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointRequests.ScalingRequest;
import ai.hyperion.dedicated.EndpointRequests.UpdateRequest;
import ai.hyperion.dedicated.EndpointViews.EndpointView;
import ai.hyperion.testing.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle of dedicated endpoints against a real database, real server processes (the local
 * platform) and a real SMTP server; run once per database by the subclasses.
 */
abstract class DedicatedLifecycleContract {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  DedicatedHarness h;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    h = new DedicatedHarness(openDatabase());
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  static ProvisionRequest request(String model, String token, Integer idleSeconds) {
    return new ProvisionRequest(
        model,
        "test endpoint",
        null,
        null,
        2048,
        null,
        2,
        null,
        token,
        null,
        idleSeconds == null ? null : new ScalingRequest(0, 1, idleSeconds),
        null);
  }

  static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private List<String> mailSubjects() {
    return Arrays.stream(h.mail.getReceivedMessages())
        .map(
            m -> {
              try {
                return ((MimeMessage) m).getSubject() + " -> " + m.getAllRecipients()[0];
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static String chat(URI base) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  @Test
  void buildsServesSleepsWakesAndIsDeleted() throws Exception {
    EndpointView created =
        h.service.provision(h.orgAdmin, null, request("hyperion-test/tiny-0.5b", null, 2));
    String id = created.id();
    assertTrue(id.matches("endpt-[a-z][a-z0-9]{11}"), id);
    assertEquals("/api/d/" + id + "/chat/completions", created.url());
    assertEquals("building", created.status());
    assertEquals("l4-24gb", created.hardware().id());

    await("up", Duration.ofSeconds(20), () -> h.status(id) == EndpointStatus.UP);
    assertTrue(h.mail.waitForIncomingEmail(5000, 1));
    assertEquals(
        List.of("[Hyperion] Dedicated endpoint " + id + " is up -> owner@acme.test"),
        mailSubjects());
    ServingTarget target =
        h.endpoints.resolve(id, h.acme).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals("hyperion-test/tiny-0.5b", target.model());
    assertTrue(chat(target.baseUrl()).contains("\"model\":\"hyperion-test/tiny-0.5b\""));
    long firstPid = h.local().pid(id).orElseThrow();

    await("sleeping", Duration.ofSeconds(15), () -> h.status(id) == EndpointStatus.SLEEPING);
    await(
        "the process to be gone",
        Duration.ofSeconds(10),
        () -> !ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(OptionalLong.empty(), h.local().pid(id));

    Instant wakeCalled = Instant.now();
    var woken = h.endpoints.resolve(id, h.acme).toCompletableFuture();
    await(
        "waking_up",
        Duration.ofSeconds(5),
        () -> woken.isDone() || h.status(id) == EndpointStatus.WAKING_UP);
    ServingTarget awake = woken.get(20, TimeUnit.SECONDS);
    assertTrue(chat(awake.baseUrl()).contains("chat.completion"));
    Duration wake = Duration.between(wakeCalled, Instant.now());
    assertTrue(wake.toSeconds() < 20, "woke in " + wake);
    assertEquals(EndpointStatus.UP, h.status(id));
    assertNotEquals(firstPid, h.local().pid(id).orElseThrow());

    List<GpuUsage> spans = h.store.gpuUsage(id);
    assertEquals(2, spans.size(), "one span per time the GPUs were held");
    assertTrue(spans.get(0).endedAt() != null);
    assertTrue(spans.get(1).endedAt() == null);
    double cost = h.store.gpuCost(h.acme, Instant.EPOCH, Instant.now());
    assertTrue(cost > 0 && cost < 0.80 / 60, "cost " + cost);

    h.service.delete(h.orgAdmin, null, id);
    await("gone", Duration.ofSeconds(15), () -> h.status(id) == null);
    assertTrue(h.mail.waitForIncomingEmail(5000, 2));
    assertTrue(mailSubjects().get(1).contains(id + " was deleted"), mailSubjects().toString());
    assertTrue(h.store.gpuUsage(id).stream().allMatch(u -> u.endedAt() != null));
    assertEquals(OptionalLong.empty(), h.local().pid(id));
    var afterDelete = h.endpoints.resolve(id, h.acme).toCompletableFuture();
    ExecutionException notFound = assertThrows(ExecutionException.class, afterDelete::get);
    assertEquals(404, ((DedicatedEndpointException) notFound.getCause()).status());
  }

  @Test
  void aServerThatExitsAtStartFailsAndTellsTheOwner() throws Exception {
    String id =
        h.service.provision(h.orgAdmin, null, request("hyperion-test/crash-0.5b", null, null)).id();
    await("failed", Duration.ofSeconds(20), () -> h.status(id) == EndpointStatus.FAILED);
    DedicatedEndpoint failed = h.store.find(id).orElseThrow();
    assertTrue(failed.statusMessage().contains("exited with code 3"), failed.statusMessage());
    assertTrue(failed.statusMessage().contains("CUDA out of memory"), failed.statusMessage());
    assertTrue(h.mail.waitForIncomingEmail(5000, 1));
    assertTrue(mailSubjects().get(0).contains(id + " failed"), mailSubjects().toString());

    var resolved = h.endpoints.resolve(id, h.acme).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, resolved::get);
    DedicatedEndpointException refused = (DedicatedEndpointException) e.getCause();
    assertEquals(502, refused.status());
    assertTrue(refused.getMessage().contains("status failed"), refused.getMessage());
    assertTrue(h.store.gpuUsage(id).isEmpty(), "never up: no GPU time");
  }

  @Test
  void anotherOrganisationsEndpointDoesNotExistForIt() {
    String id =
        h.service.provision(h.orgAdmin, null, request("hyperion-test/tiny-0.5b", null, null)).id();
    var resolved = h.endpoints.resolve(id, "org_globex").toCompletableFuture();
    CompletionException e = assertThrows(CompletionException.class, resolved::join);
    DedicatedEndpointException notFound = (DedicatedEndpointException) e.getCause();
    assertEquals(404, notFound.status());
    assertEquals("endpoint_not_found", notFound.code());
    AdminApiException api =
        assertThrows(AdminApiException.class, () -> h.service.get(h.otherOrgAdmin, null, id));
    assertEquals(404, api.status());
    assertEquals(
        api.getMessage(),
        assertThrows(
                AdminApiException.class,
                () -> h.service.get(h.otherOrgAdmin, null, "endpt-doesnotexist"))
            .getMessage()
            .replace("endpt-doesnotexist", id));
    assertEquals(0, h.service.list(h.otherOrgAdmin, null, null, null, PageRequest.first()).total());
  }

  @Test
  void theAccessTokenIsStoredEncryptedAndNeverShown() throws Exception {
    String token = "hf_SecretGatedToken0123456789abcdef";
    EndpointView view =
        h.service.provision(h.orgAdmin, null, request("hyperion-test/gated-0.5b", token, null));
    assertTrue(view.accessTokenSet());
    assertFalse(view.toString().contains(token));
    String stored =
        h.db.inTransaction(
            em ->
                (String)
                    em.createNativeQuery(
                            "select access_token from dedicated_endpoints where id = ?")
                        .setParameter(1, view.id())
                        .getSingleResult());
    assertTrue(stored.startsWith("v1:"));
    assertFalse(stored.contains(token));
    assertEquals(token, h.cipher.decrypt(stored, view.id()).value());

    await("up", Duration.ofSeconds(20), () -> h.status(view.id()) == EndpointStatus.UP);
    List<String> lines = h.service.logs(h.orgAdmin, null, view.id(), "50").lines();
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("HF_TOKEN=hf_S****")), String.join("\n", lines));
    assertTrue(lines.stream().noneMatch(l -> l.contains(token)));
    assertFalse(h.service.get(h.orgAdmin, null, view.id()).toString().contains(token));
  }

  @Test
  void onlyAdminsProvisionAndMembersSeeTheirTeamsEndpoints() {
    AdminApiException refused =
        assertThrows(
            AdminApiException.class,
            () -> h.service.provision(h.member, null, request("hyperion-test/tiny-0.5b", null, 1)));
    assertEquals(403, refused.status());
    assertThrows(
        AdminApiException.class,
        () -> h.service.provision(h.auditor, null, request("hyperion-test/tiny-0.5b", null, 1)));

    EndpointView teams =
        h.service.provision(h.teamAdmin, null, request("hyperion-test/tiny-0.5b", null, 60));
    assertEquals(h.alpha, teams.teamId());
    EndpointView orgWide =
        h.service.provision(h.orgAdmin, null, request("hyperion-test/tiny-0.5b", null, 60));
    assertEquals(1, h.service.list(h.member, null, null, null, PageRequest.first()).total());
    assertEquals(2, h.service.list(h.auditor, null, null, null, PageRequest.first()).total());
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> h.service.get(h.member, null, orgWide.id()))
            .status());
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> h.service.delete(h.member, null, teams.id()))
            .status());
    assertEquals(
        403,
        assertThrows(
                AdminApiException.class, () -> h.service.delete(h.teamAdmin, null, orgWide.id()))
            .status());

    EndpointView rescaled =
        h.service.update(
            h.teamAdmin,
            null,
            teams.id(),
            new UpdateRequest(null, new ScalingRequest(null, null, 600)));
    assertEquals(600, rescaled.scaling().idleSeconds());
    AdminApiException tooMany =
        assertThrows(
            AdminApiException.class,
            () ->
                h.service.update(
                    h.orgAdmin,
                    null,
                    teams.id(),
                    new UpdateRequest(null, new ScalingRequest(2, 4, null))));
    assertEquals("scaling.maxReplicas", tooMany.param());
  }

  @Test
  void invalidRequestsNameEveryBadField() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () ->
                h.service.provision(
                    h.orgAdmin,
                    null,
                    new ProvisionRequest(
                        "../etc/passwd",
                        null,
                        null,
                        null,
                        10,
                        "int3",
                        0,
                        List.of("--port=1"),
                        "has space",
                        null,
                        new ScalingRequest(3, 1, 0),
                        "not-an-email")));
    assertEquals(400, e.status());
    List<String> fields = e.fieldErrors().stream().map(f -> f.field()).toList();
    assertEquals(
        List.of(
            "model",
            "contextLength",
            "maxConcurrency",
            "dtype",
            "engineArgs",
            "accessToken",
            "notifyEmail",
            "scaling.idleSeconds",
            "scaling.minReplicas"),
        fields);

    AdminApiException noSuchOrg =
        assertThrows(
            AdminApiException.class,
            () ->
                h.service.provision(
                    new Caller("user_root", "org_platform", null, UserRole.PLATFORM_ADMIN),
                    "org_missing",
                    request("hyperion-test/tiny-0.5b", null, null)));
    assertEquals("orgId", noSuchOrg.param());

    AdminApiException unknownSize =
        assertThrows(
            AdminApiException.class,
            () -> h.service.provision(h.orgAdmin, null, request("acme/mystery", null, null)));
    assertEquals("model_size_unknown", unknownSize.code());
    AdminApiException tooLarge =
        assertThrows(
            AdminApiException.class,
            () -> h.service.provision(h.orgAdmin, null, request("acme/giant-70b", null, null)));
    assertEquals("model_too_large", tooLarge.code());
    assertTrue(tooLarge.getMessage().contains("does not fit any hardware"), tooLarge.getMessage());
  }

  @Test
  void oneInstanceAtATimeHoldsAnEndpointsLease() {
    String id = h.service.provision(h.orgAdmin, null, request("acme/other-0.5b", null, null)).id();
    h.monitor.stop();
    Clock clock = Clock.systemUTC();
    EndpointLeases a = new EndpointLeases(h.db, clock, "node-a", Duration.ofSeconds(30));
    EndpointLeases b = new EndpointLeases(h.db, clock, "node-b", Duration.ofSeconds(30));
    await0(() -> a.acquire(id));
    assertFalse(b.acquire(id), "b must wait while a holds the lease");
    assertTrue(a.acquire(id), "the holder renews");
    a.release(id);
    assertTrue(b.acquire(id));
    EndpointLeases later =
        new EndpointLeases(
            h.db, Clock.offset(clock, Duration.ofSeconds(31)), "node-c", Duration.ofSeconds(30));
    assertTrue(later.acquire(id), "an expired lease is taken over");
    assertFalse(b.acquire(id));
  }

  /** The monitor may hold the lease for a moment after it was stopped. */
  private static void await0(BooleanSupplier condition) {
    try {
      await("lease", Duration.ofSeconds(15), condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aRequestToAStartingEndpointGives503WithRetryAfterWhenItTakesTooLong() {
    DedicatedSettings s = h.settings;
    DedicatedEndpoints impatient =
        new DedicatedEndpoints(
            h.store,
            new RouteCache(Clock.systemUTC(), Duration.ZERO),
            new TrafficMarks(h.store, h.scheduler, Clock.systemUTC(), Duration.ofSeconds(1)),
            new WakeWaiters(h.scheduler),
            id -> {},
            h.scheduler,
            new DedicatedSettings(
                s.monitorInterval(),
                s.probeInterval(),
                Duration.ofMillis(300),
                s.buildTimeout(),
                s.wakeTimeout(),
                s.lease(),
                s.routeCache(),
                s.defaultIdleSeconds(),
                s.hubUrl(),
                s.hubTimeout(),
                s.tokenKey(),
                s.nodeId()),
            true);
    h.monitor.stop();
    String id = h.service.provision(h.orgAdmin, null, request("acme/slow-0.5b", null, null)).id();
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> impatient.resolve(id, h.acme).toCompletableFuture().join());
    DedicatedEndpointException waking =
        assertInstanceOf(DedicatedEndpointException.class, e.getCause());
    assertEquals(503, waking.status());
    assertEquals("endpoint_waking", waking.code());
    assertEquals(1, waking.retryAfterSeconds());
    assertTrue(waking.getMessage().contains("status building"), waking.getMessage());
  }
}
