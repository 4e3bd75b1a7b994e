package ai.hyperion.tenancy;

import ai.hyperion.auth.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The limit columns every tenancy level carries; null = no limit at this level. */
@Embeddable
public class LimitSettings {

  @Column(name = "rpm_limit")
  private Integer requestsPerMinute;

  @Column(name = "tpm_limit")
  private Integer tokensPerMinute;

  @Column(name = "concurrency_limit")
  private Integer maxConcurrentRequests;

  @Column(name = "budget_ref")
  private String budgetRef;

  public static LimitSettings of(Limits limits) {
    LimitSettings settings = new LimitSettings();
    if (limits != null) {
      settings.requestsPerMinute = limits.requestsPerMinute();
      settings.tokensPerMinute = limits.tokensPerMinute();
      settings.maxConcurrentRequests = limits.maxConcurrentRequests();
      settings.budgetRef = limits.budgetRef();
    }
    return settings;
  }

  public Limits toLimits() {
    return new Limits(requestsPerMinute, tokensPerMinute, maxConcurrentRequests, budgetRef);
  }
}
