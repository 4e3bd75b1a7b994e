package ai.hyperion.dedicated;

import ai.hyperion.config.DedicatedConfig;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.persistence.Transactions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Assembles dedicated endpoints inside the server: the platform chosen in gateway.yaml, the
 * lifecycle monitor on the managed scheduled executor (started with the application, after the
 * schema migration), and the beans the API and the data path use: {@link EndpointService}, {@link
 * DedicatedEndpoints} and {@link GpuUsageReports}.
 */
@ApplicationScoped
public class DedicatedRuntime {

  private static final Logger LOG = Logger.getLogger(DedicatedRuntime.class.getName());

  @Inject GatewayConfig gatewayConfig;
  @Inject Transactions transactions;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  private KubernetesClient kubernetes;
  private EndpointPlatform platform;
  private LifecycleMonitor monitor;
  private DedicatedEndpoints endpoints;
  private EndpointService service;
  private GpuUsageReports gpuUsage;

  @PostConstruct
  void assemble() {
    DedicatedConfig config = gatewayConfig.dedicated();
    DedicatedSettings settings = DedicatedSettings.from(ConfigProvider.getConfig());
    Clock clock = Clock.systemUTC();
    platform = platform(config);
    Optional<TokenCipher> cipher = TokenCipher.fromBase64(settings.tokenKey());
    EndpointStore store = new EndpointStore(transactions, clock);
    EndpointLeases leases =
        new EndpointLeases(transactions, clock, settings.nodeId(), settings.lease());
    WakeWaiters waiters = new WakeWaiters(scheduler);
    RouteCache routes = new RouteCache(clock, settings.routeCache());
    TrafficMarks traffic =
        new TrafficMarks(store, scheduler, clock, TrafficMarks.writeInterval(settings));
    OwnerMail mail = new OwnerMail(MailSettings.from(ConfigProvider.getConfig()));
    EndpointLifecycle lifecycle =
        new EndpointLifecycle(
            store,
            leases,
            platform,
            cipher,
            mail,
            waiters,
            traffic,
            routes,
            settings,
            config.hardware());
    monitor = new LifecycleMonitor(lifecycle, store, waiters, routes, scheduler, settings);
    endpoints =
        new DedicatedEndpoints(
            store,
            routes,
            traffic,
            waiters,
            monitor::nudge,
            scheduler,
            settings,
            !config.hardware().isEmpty());
    ModelMetadata metadata =
        settings.hubEnabled()
            ? new HuggingFaceHub(URI.create(settings.hubUrl()), settings.hubTimeout())
            : ModelMetadata.none();
    ProvisionPlanner planner =
        new ProvisionPlanner(
            new HardwareSizer(config.hardware()),
            metadata,
            gatewayConfig.models(),
            settings.defaultIdleSeconds());
    service =
        new EndpointService(transactions, clock, planner, cipher, platform, monitor::nudge, routes);
    gpuUsage = new GpuUsageReports(store);
    LOG.info(
        () ->
            "Dedicated endpoints: platform "
                + platform.name()
                + ", "
                + config.hardware().size()
                + " hardware kinds, access tokens "
                + (cipher.isPresent()
                    ? "encrypted"
                    : "refused (no " + DedicatedSettings.TOKEN_KEY + ")"));
  }

  private EndpointPlatform platform(DedicatedConfig config) {
    if (DedicatedConfig.KUBERNETES.equals(config.platform())) {
      Config client =
          config.kubernetes().masterUrl() == null || config.kubernetes().masterUrl().isBlank()
              ? Config.autoConfigure(null)
              : new ConfigBuilder().withMasterUrl(config.kubernetes().masterUrl()).build();
      kubernetes = new KubernetesClientBuilder().withConfig(client).build();
      return new KubernetesPlatform(kubernetes, config.kubernetes());
    }
    return new LocalProcessPlatform(config.local(), threads);
  }

  void startWithApplication(
      @Observes @Priority(50) @Initialized(ApplicationScoped.class) Object event) {
    monitor.start();
  }

  @Produces
  @Singleton
  DedicatedEndpoints dedicatedEndpoints() {
    return endpoints;
  }

  @Produces
  @Singleton
  EndpointService endpointService() {
    return service;
  }

  @Produces
  @Singleton
  GpuUsageReports gpuUsageReports() {
    return gpuUsage;
  }

  @PreDestroy
  void shutdown() {
    monitor.stop();
    if (platform instanceof LocalProcessPlatform local) {
      local.close();
    }
    if (kubernetes != null) {
      kubernetes.close();
    }
  }
}
