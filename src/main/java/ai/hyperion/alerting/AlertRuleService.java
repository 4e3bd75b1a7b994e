package ai.hyperion.alerting;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.alerting.AlertViews.RuleRequest;
import ai.hyperion.alerting.AlertViews.RuleView;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Changes;
import ai.hyperion.audit.FieldChange;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Alert rules of an organisation: read by its auditors and admins, changed by its org admins and
 * platform admins; every change is audited (the webhook secret only as changed or not).
 */
@ApplicationScoped
public class AlertRuleService {

  private final Transactions transactions;
  private final AuditTrail audit;

  @Inject
  public AlertRuleService(Transactions transactions, AuditTrail audit) {
    this.transactions = transactions;
    this.audit = audit;
  }

  /** For the CDI proxy only. */
  protected AlertRuleService() {
    this(null, null);
  }

  public Page<RuleView> list(Caller caller, String orgId, PageRequest page) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(
        em -> {
          long total =
              em.createQuery("select count(r) from AlertRule r where r.orgId = :org", Long.class)
                  .setParameter("org", orgId)
                  .getSingleResult();
          List<RuleView> rows =
              em
                  .createQuery(
                      "select r from AlertRule r where r.orgId = :org order by r.createdAt, r.id",
                      AlertRule.class)
                  .setParameter("org", orgId)
                  .setFirstResult(page.offset())
                  .setMaxResults(page.limit())
                  .getResultList()
                  .stream()
                  .map(RuleView::of)
                  .toList();
          return Page.of(rows, total, page);
        });
  }

  public RuleView get(Caller caller, String orgId, String ruleId) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(em -> RuleView.of(find(em, orgId, ruleId)));
  }

  public RuleView create(Caller caller, String orgId, RuleRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    AlertKind kind = validate(request, null);
    return transactions.inTransaction(
        em -> {
          AlertRule rule = new AlertRule(orgId, kind);
          defaults(rule);
          apply(rule, request);
          requireThresholds(rule);
          em.persist(rule);
          em.flush();
          RuleView view = RuleView.of(rule);
          audit.record(em, caller, AuditEvent.created(orgId, "alert-rule", rule.id(), view));
          return view;
        });
  }

  public RuleView update(Caller caller, String orgId, String ruleId, RuleRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    return transactions.inTransaction(
        em -> {
          AlertRule rule = find(em, orgId, ruleId);
          validate(request, rule.kind());
          RuleView before = RuleView.of(rule);
          String secretBefore = rule.webhookSecret();
          apply(rule, request);
          requireThresholds(rule);
          em.flush();
          RuleView after = RuleView.of(rule);
          AuditEvent event =
              AuditEvent.changed(orgId, AuditAction.UPDATE, "alert-rule", ruleId, before, after);
          if (request.webhookSecret() != null && !request.webhookSecret().equals(secretBefore)) {
            List<FieldChange> changes = new ArrayList<>(event.changes());
            changes.add(Changes.of("webhookSecret", secretBefore, rule.webhookSecret()));
            event = new AuditEvent(orgId, AuditAction.UPDATE, "alert-rule", ruleId, changes);
          }
          audit.record(em, caller, event);
          return after;
        });
  }

  public void delete(Caller caller, String orgId, String ruleId) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    transactions.inTransaction(
        em -> {
          AlertRule rule = find(em, orgId, ruleId);
          audit.record(
              em, caller, AuditEvent.deleted(orgId, "alert-rule", ruleId, RuleView.of(rule)));
          em.remove(rule);
          return null;
        });
  }

  static AlertRule find(EntityManager em, String orgId, String ruleId) {
    AlertRule rule = em.find(AlertRule.class, ruleId);
    if (rule == null || !rule.orgId().equals(orgId)) {
      throw AdminApiException.notFound("alert rule", ruleId);
    }
    return rule;
  }

  private static void defaults(AlertRule rule) {
    rule.enabled(true);
    rule.cooldownMinutes(60);
    switch (rule.kind()) {
      case SPEND_SPIKE -> {
        rule.windowMinutes(60);
        rule.baselineHours(24);
        rule.multiplier(3.0);
        rule.amountUsd(1.0);
      }
      case SPEND_ABOVE -> {
        rule.windowMinutes(60);
        rule.baselineHours(24);
      }
      case ERROR_RATE -> {
        rule.windowMinutes(5);
        rule.baselineHours(24);
        rule.errorRate(0.2);
        rule.minRequests(20);
      }
      case NEW_NETWORK -> {
        rule.windowMinutes(5);
        rule.baselineHours(720);
        rule.cooldownMinutes(1440);
      }
      case BUDGET_THRESHOLD -> {
        rule.windowMinutes(60);
        rule.baselineHours(24);
        rule.cooldownMinutes(1440);
      }
    }
  }

  private static void apply(AlertRule rule, RuleRequest r) {
    if (r.name() != null) {
      rule.name(r.name().trim());
    }
    if (r.multiplier() != null) {
      rule.multiplier(r.multiplier());
    }
    if (r.amountUsd() != null) {
      rule.amountUsd(r.amountUsd());
    }
    if (r.errorRate() != null) {
      rule.errorRate(r.errorRate());
    }
    if (r.minRequests() != null) {
      rule.minRequests(r.minRequests());
    }
    if (r.windowMinutes() != null) {
      rule.windowMinutes(r.windowMinutes());
    }
    if (r.baselineHours() != null) {
      rule.baselineHours(r.baselineHours());
    }
    if (r.cooldownMinutes() != null) {
      rule.cooldownMinutes(r.cooldownMinutes());
    }
    if (r.emails() != null) {
      rule.emails(r.emails());
    }
    if (r.webhookUrl() != null) {
      rule.webhookUrl(r.webhookUrl().isBlank() ? null : r.webhookUrl().trim());
    }
    if (r.webhookSecret() != null) {
      rule.webhookSecret(r.webhookSecret().isEmpty() ? null : r.webhookSecret());
    }
    if (r.enabled() != null) {
      rule.enabled(r.enabled());
    }
  }

  private static void requireThresholds(AlertRule rule) {
    FieldErrors errors = new FieldErrors();
    switch (rule.kind()) {
      case SPEND_SPIKE -> {
        if (rule.multiplier() == null) {
          errors.add("multiplier", "is required for SPEND_SPIKE");
        }
      }
      case SPEND_ABOVE -> {
        if (rule.amountUsd() == null) {
          errors.add("amountUsd", "is required for SPEND_ABOVE");
        }
      }
      case ERROR_RATE -> {
        if (rule.errorRate() == null) {
          errors.add("errorRate", "is required for ERROR_RATE");
        }
      }
      default -> {}
    }
    if (rule.emails().isEmpty() && rule.webhookUrl() == null) {
      errors.add("emails", "give at least one e-mail address or a webhookUrl");
    }
    errors.throwIfAny();
  }

  /** Returns the kind (parsed on create, the rule's own on update). */
  private static AlertKind validate(RuleRequest r, AlertKind existing) {
    if (r == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors = new FieldErrors().name("name", r.name(), existing == null);
    AlertKind kind = existing;
    if (existing == null) {
      if (r.kind() == null) {
        errors.add("kind", "is required");
      } else {
        try {
          kind = AlertKind.valueOf(r.kind().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          errors.add("kind", "must be one of " + Arrays.toString(AlertKind.values()));
        }
      }
    } else if (r.kind() != null && !r.kind().trim().equalsIgnoreCase(existing.name())) {
      errors.add("kind", "cannot change; create a new rule instead");
    }
    positive(errors, "multiplier", r.multiplier());
    if (r.amountUsd() != null && r.amountUsd() < 0) {
      errors.add("amountUsd", "must be zero or more");
    }
    if (r.errorRate() != null && (r.errorRate() <= 0 || r.errorRate() >= 1)) {
      errors.add("errorRate", "must be between 0 and 1 (exclusive)");
    }
    range(errors, "minRequests", r.minRequests(), 1, 1_000_000);
    range(errors, "windowMinutes", r.windowMinutes(), 1, 10_080);
    range(errors, "baselineHours", r.baselineHours(), 1, 8_760);
    range(errors, "cooldownMinutes", r.cooldownMinutes(), 1, 43_200);
    if (r.emails() != null) {
      if (r.emails().size() > 20) {
        errors.add("emails", "must have at most 20 entries");
      }
      for (String address : r.emails()) {
        errors.email("emails", address, true);
      }
    }
    if (r.webhookUrl() != null && !r.webhookUrl().isBlank()) {
      try {
        URI uri = URI.create(r.webhookUrl().trim());
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
            || uri.getHost() == null) {
          errors.add("webhookUrl", "must be an http(s) URL");
        }
      } catch (IllegalArgumentException e) {
        errors.add("webhookUrl", "must be an http(s) URL");
      }
    }
    if (r.webhookSecret() != null
        && !r.webhookSecret().isEmpty()
        && (r.webhookSecret().length() < 16 || r.webhookSecret().length() > 200)) {
      errors.add("webhookSecret", "must be 16 to 200 characters");
    }
    errors.throwIfAny();
    return kind;
  }

  private static void positive(FieldErrors errors, String field, Double value) {
    if (value != null && value <= 0) {
      errors.add(field, "must be a positive number");
    }
  }

  private static void range(FieldErrors errors, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      errors.add(field, "must be between " + min + " and " + max);
    }
  }
}
