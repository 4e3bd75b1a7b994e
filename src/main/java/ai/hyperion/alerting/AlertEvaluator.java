package ai.hyperion.alerting;

import ai.hyperion.persistence.Transactions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Evaluates every enabled alert rule off the request path: every {@code
 * hyperion.alerts.interval-seconds} (60) on the managed scheduled executor, from the request log,
 * plus the budget events handed to {@link #budgetThresholdCrossed} since the last run. An incident
 * fires only if its (rule, subject) cooldown can be claimed ({@link Cooldowns}), so one incident
 * sends one alert however many runs and instances see it; the alert is stored, then sent by e-mail
 * and webhook, and the delivery outcome recorded on it.
 */
@ApplicationScoped
public class AlertEvaluator {

  private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());
  static final int BUDGET_QUEUE = 1000;

  private final Transactions transactions;
  private final Clock clock;
  private final Cooldowns cooldowns;
  private final EmailChannel email;
  private final WebhookChannel webhook;
  private final BlockingQueue<BudgetThresholdCrossed> budgetEvents =
      new ArrayBlockingQueue<>(BUDGET_QUEUE);

  @Resource ManagedScheduledExecutorService scheduler;

  /** Set by CDI; null in tests run without a container. */
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private ScheduledFuture<?> task;

  @Inject
  public AlertEvaluator(Transactions transactions) {
    this(
        transactions,
        SmtpSettings.from(ConfigProvider.getConfig()),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.systemUTC());
  }

  public AlertEvaluator(
      Transactions transactions, SmtpSettings smtp, HttpClient http, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
    this.cooldowns = new Cooldowns(transactions);
    this.email = new EmailChannel(smtp);
    this.webhook = new WebhookChannel(http, clock, Duration.ofSeconds(10));
  }

  /** For the CDI proxy only. */
  protected AlertEvaluator() {
    this.transactions = null;
    this.clock = null;
    this.cooldowns = null;
    this.email = null;
    this.webhook = null;
  }

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
    Config config = ConfigProvider.getConfig();
    if (!config.getOptionalValue("hyperion.alerts.enabled", Boolean.class).orElse(true)) {
      return;
    }
    long seconds =
        config.getOptionalValue("hyperion.alerts.interval-seconds", Long.class).orElse(60L);
    task =
        scheduler.scheduleWithFixedDelay(this::evaluateQuietly, seconds, seconds, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /**
   * The seam for the policy stage's budget soft-threshold event: queued (never blocks; dropped with
   * a warning when 1,000 are already waiting), alerted on the next evaluation.
   */
  public void budgetThresholdCrossed(BudgetThresholdCrossed event) {
    if (!budgetEvents.offer(event)) {
      LOG.warning(() -> "Budget alert queue full; dropped the event for " + event.budgetRef());
    }
  }

  private void evaluateQuietly() {
    try {
      evaluate();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Alert evaluation failed; the next run tries again", e);
    }
  }

  /** One evaluation of every rule; returns the alerts fired. */
  public List<Alert> evaluate() {
    Instant now = clock.instant();
    List<AlertRule> rules =
        transactions.inTransaction(
            em ->
                em.createQuery("select r from AlertRule r where r.enabled = true", AlertRule.class)
                    .getResultList());
    List<Alert> fired = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.kind() == AlertKind.BUDGET_THRESHOLD) {
        continue;
      }
      try {
        List<Incident> incidents =
            transactions.inTransaction(em -> RuleChecks.check(em, rule, now));
        for (Incident incident : incidents) {
          fire(rule, incident, now).ifPresent(fired::add);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Alert rule " + rule.id() + " could not be evaluated", e);
      }
    }
    List<BudgetThresholdCrossed> events = new ArrayList<>();
    budgetEvents.drainTo(events);
    for (BudgetThresholdCrossed event : events) {
      for (AlertRule rule : rules) {
        if (rule.kind() == AlertKind.BUDGET_THRESHOLD && rule.orgId().equals(event.orgId())) {
          fire(rule, RuleChecks.budget(event), now).ifPresent(fired::add);
        }
      }
    }
    return fired;
  }

  private Optional<Alert> fire(AlertRule rule, Incident incident, Instant now) {
    if (!cooldowns.claim(
        rule.id(), incident.subject(), now, Duration.ofMinutes(rule.cooldownMinutes()))) {
      return Optional.empty();
    }
    Alert alert =
        new Alert(rule, incident.subject(), incident.summary(), incident.details().toString(), now);
    transactions.inTransaction(
        em -> {
          em.persist(alert);
          return null;
        });
    AlertNotice notice =
        new AlertNotice(
            alert.id(),
            rule.orgId(),
            rule.id(),
            rule.name(),
            rule.kind(),
            incident.subject(),
            incident.summary(),
            incident.details(),
            DateTimeFormatter.ISO_INSTANT.format(now));
    String emailStatus = email.send(rule.emails(), notice);
    String webhookStatus = webhook.send(rule.webhookUrl(), rule.webhookSecret(), notice);
    alert.delivered(emailStatus, webhookStatus);
    transactions.inTransaction(
        em -> {
          em.find(Alert.class, alert.id()).delivered(emailStatus, webhookStatus);
          return null;
        });
    if (metrics != null) {
      metrics.counter("hyperion_alerts_fired_total", new Tag("kind", rule.kind().name())).inc();
    }
    LOG.info(() -> "Alert " + alert.id() + " fired: " + incident.summary());
    return Optional.of(alert);
  }
}
