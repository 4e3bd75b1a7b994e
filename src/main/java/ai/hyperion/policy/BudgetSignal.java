package ai.hyperion.policy;

import java.util.List;

/**
 * What budgets allowed for this request: which candidate models fit the remaining budgets (for a
 * budget-aware fallback), which one was reserved for, and, when that is not the requested model,
 * why ({@code x-hyperion-policy}).
 */
public record BudgetSignal(
    String requestedModel, String chosenModel, List<String> fittingModels, String reason) {

  public BudgetSignal {
    fittingModels = List.copyOf(fittingModels);
  }

  /** True when a budget steered the request to a fallback model. */
  public boolean fallback() {
    return !requestedModel.equals(chosenModel);
  }

  /** The {@code x-hyperion-policy} header value, or null when the requested model was kept. */
  public String headerValue() {
    return fallback() ? reason : null;
  }
}
