package ai.hyperion.dedicated;

import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import ai.hyperion.config.DedicatedConfig.LocalPlatformConfig;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.tenancy.Team;
import ai.hyperion.tenancy.User;
import ai.hyperion.testing.FakeInferenceServer;
import ai.hyperion.testing.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Dedicated endpoints wired as the server wires them, over a test database: the local platform
 * running {@link FakeInferenceServer} as real processes, a real SMTP server (GreenMail on
 * 127.0.0.1), a monitor with short intervals, and two organisations with users of each role.
 */
final class DedicatedHarness implements AutoCloseable {

  static final String TOKEN_KEY = Base64.getEncoder().encodeToString(new byte[32]);
  static final List<HardwareConfig> CATALOG =
      List.of(new HardwareConfig("l4-24gb", "nvidia-l4", 24.0, 1, 0.80, Map.of()));

  final TestDatabase db;
  final GreenMail mail;
  final ScheduledExecutorService scheduler = scheduler();
  final DedicatedSettings settings;
  final EndpointPlatform platform;
  final EndpointStore store;
  final LifecycleMonitor monitor;
  final DedicatedEndpoints endpoints;
  final EndpointService service;
  final TokenCipher cipher = TokenCipher.fromBase64(TOKEN_KEY).orElseThrow();

  final String acme;
  final String alpha;
  final Caller orgAdmin;
  final Caller teamAdmin;
  final Caller member;
  final Caller auditor;
  final Caller otherOrgAdmin;

  DedicatedHarness(TestDatabase db) {
    this(
        db,
        new LocalProcessPlatform(fakeServerCommand(), Thread::new),
        Duration.ofMillis(200),
        Duration.ofMillis(100));
  }

  /** With the monitor's sweep and probe intervals (the server's defaults are 5 s and 1 s). */
  DedicatedHarness(
      TestDatabase db,
      EndpointPlatform platform,
      Duration monitorInterval,
      Duration probeInterval) {
    this.db = db;
    this.platform = platform;
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    DedicatedSettings d = DedicatedSettings.defaults();
    settings =
        new DedicatedSettings(
            monitorInterval,
            probeInterval,
            Duration.ofSeconds(20),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            2,
            "none",
            d.hubTimeout(),
            TOKEN_KEY,
            "test-node");
    Clock clock = Clock.systemUTC();
    store = new EndpointStore(db, clock);
    EndpointLeases leases = new EndpointLeases(db, clock, settings.nodeId(), settings.lease());
    WakeWaiters waiters = new WakeWaiters(scheduler);
    RouteCache routes = new RouteCache(clock, settings.routeCache());
    TrafficMarks traffic =
        new TrafficMarks(store, scheduler, clock, TrafficMarks.writeInterval(settings));
    OwnerMail ownerMail =
        new OwnerMail(
            new MailSettings(
                "127.0.0.1", mail.getSmtp().getPort(), "gateway@it.test", "", "", false, 5000));
    EndpointLifecycle lifecycle =
        new EndpointLifecycle(
            store,
            leases,
            platform,
            Optional.of(cipher),
            ownerMail,
            waiters,
            traffic,
            routes,
            settings,
            CATALOG);
    monitor = new LifecycleMonitor(lifecycle, store, waiters, routes, scheduler, settings);
    endpoints =
        new DedicatedEndpoints(
            store, routes, traffic, waiters, monitor::nudge, scheduler, settings, true);
    service =
        new EndpointService(
            db,
            clock,
            new ProvisionPlanner(new HardwareSizer(CATALOG), ModelMetadata.none(), List.of(), 2),
            Optional.of(cipher),
            platform,
            monitor::nudge,
            routes);

    Organization acmeOrg = new Organization("acme-" + System.nanoTime());
    Organization globex = new Organization("globex-" + System.nanoTime());
    db.inTransaction(
        em -> {
          em.persist(acmeOrg);
          em.persist(globex);
          return null;
        });
    acme = acmeOrg.id();
    Team team = new Team(acme, "alpha");
    db.inTransaction(
        em -> {
          em.persist(team);
          return null;
        });
    alpha = team.id();
    orgAdmin = user(acme, null, "owner@acme.test", UserRole.ORG_ADMIN);
    teamAdmin = user(acme, alpha, "lead@acme.test", UserRole.TEAM_ADMIN);
    member = user(acme, alpha, "dev@acme.test", UserRole.MEMBER);
    auditor = user(acme, null, "audit@acme.test", UserRole.AUDITOR);
    otherOrgAdmin = user(globex.id(), null, "boss@globex.test", UserRole.ORG_ADMIN);
    monitor.start();
  }

  /** Delayed tasks (wait limits, probes) are dropped at shutdown, not waited for. */
  private static ScheduledExecutorService scheduler() {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4);
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return pool;
  }

  private Caller user(String orgId, String teamId, String email, UserRole role) {
    User user = new User(orgId, teamId, email, role);
    db.inTransaction(
        em -> {
          em.persist(user);
          return null;
        });
    return new Caller(user.id(), orgId, teamId, role);
  }

  /** {@code java -cp <test classes> ...FakeInferenceServer --model {model} --port {port}}. */
  static LocalPlatformConfig fakeServerCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes;
    try {
      classes =
          Path.of(
                  FakeInferenceServer.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new LocalPlatformConfig(
        List.of(
            java,
            "-Xmx32m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classes,
            FakeInferenceServer.class.getName(),
            "--model",
            "{model}",
            "--port",
            "{port}",
            "{engine-args}"),
        "/health",
        Map.of(),
        null,
        5,
        100);
  }

  LocalProcessPlatform local() {
    return (LocalProcessPlatform) platform;
  }

  EndpointStatus status(String id) {
    return store.find(id).map(DedicatedEndpoint::status).orElse(null);
  }

  @Override
  public void close() {
    monitor.stop();
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (platform instanceof LocalProcessPlatform local) {
      local.close();
    }
    mail.stop();
    db.close();
  }
}
