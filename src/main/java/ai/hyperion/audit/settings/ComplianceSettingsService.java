package ai.hyperion.audit.settings;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Scope;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.pii.CustomPattern;
import ai.hyperion.audit.pii.Detectors;
import ai.hyperion.audit.pii.PiiMode;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and changes an organisation's compliance settings: readable like the org itself, changed by
 * its org admins and platform admins; every change is audited and published to the cluster.
 */
@ApplicationScoped
public class ComplianceSettingsService {

  static final int MAX_CUSTOM_PATTERNS = 20;
  static final int MAX_RETENTION_DAYS = 3650;

  private final Transactions transactions;
  private final AuditTrail audit;
  private final CompliancePolicies policies;

  @Inject
  public ComplianceSettingsService(
      Transactions transactions, AuditTrail audit, CompliancePolicies policies) {
    this.transactions = transactions;
    this.audit = audit;
    this.policies = policies;
  }

  /** For the CDI proxy only. */
  protected ComplianceSettingsService() {
    this(null, null, null);
  }

  public SettingsView get(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(
        em -> {
          ComplianceSettings settings = em.find(ComplianceSettings.class, orgId);
          return settings == null ? SettingsView.defaults(orgId) : SettingsView.of(settings);
        });
  }

  public SettingsView update(Caller caller, String orgId, SettingsRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    PiiMode mode = validate(request);
    SettingsView updated =
        transactions.inTransaction(
            em -> {
              ComplianceSettings settings = em.find(ComplianceSettings.class, orgId);
              if (settings == null) {
                settings = new ComplianceSettings(orgId, Set.copyOf(Detectors.NAMES));
                em.persist(settings);
              }
              SettingsView before = SettingsView.of(settings);
              if (mode != null) {
                settings.piiMode(mode);
              }
              if (request.restoreAnswers() != null) {
                settings.restoreAnswers(request.restoreAnswers());
              }
              if (request.detectors() != null) {
                settings.detectors(request.detectors());
              }
              if (request.customPatterns() != null) {
                settings.customPatterns(request.customPatterns());
              }
              if (request.logBodies() != null) {
                settings.logBodies(request.logBodies());
              }
              if (request.requestLogRetentionDays() != null) {
                int days = request.requestLogRetentionDays();
                settings.requestLogRetentionDays(days == 0 ? null : days);
              }
              settings.touch();
              em.flush();
              SettingsView after = SettingsView.of(settings);
              audit.record(
                  em,
                  caller,
                  AuditEvent.changed(
                      orgId, AuditAction.UPDATE, "compliance-settings", orgId, before, after));
              return after;
            });
    policies.publish(updated);
    return updated;
  }

  private static PiiMode validate(SettingsRequest request) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors = new FieldErrors();
    PiiMode mode = null;
    if (request.piiMode() != null) {
      try {
        mode = PiiMode.valueOf(request.piiMode().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add("piiMode", "must be LOG_ONLY, MASK or BLOCK");
      }
    }
    if (request.detectors() != null) {
      for (String name : request.detectors()) {
        if (name == null || Detectors.builtIn(name) == null) {
          errors.add("detectors", "must be names out of " + Detectors.NAMES);
          break;
        }
      }
    }
    Map<String, String> patterns = request.customPatterns();
    if (patterns != null) {
      if (patterns.size() > MAX_CUSTOM_PATTERNS) {
        errors.add("customPatterns", "must have at most " + MAX_CUSTOM_PATTERNS + " entries");
      } else {
        patterns.forEach(
            (name, regex) -> {
              try {
                CustomPattern.of(name, regex);
              } catch (IllegalArgumentException e) {
                errors.add("customPatterns." + name, e.getMessage());
              }
            });
      }
    }
    Integer days = request.requestLogRetentionDays();
    if (days != null && (days < 0 || days > MAX_RETENTION_DAYS)) {
      errors.add(
          "requestLogRetentionDays",
          "must be between 1 and " + MAX_RETENTION_DAYS + " (0 = the default)");
    }
    errors.throwIfAny();
    return mode;
  }
}
