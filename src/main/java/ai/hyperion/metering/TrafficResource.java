package ai.hyperion.metering;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Scope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An organisation's traffic as this instance's {@link UsageMeter} counted it since the instance
 * started: requests, errors, tokens and spend, per model. Read-only, for org-wide usage readers
 * (org admins, auditors, platform admins). Stored, cluster-wide usage over time is the usage API's.
 */
@Path("/admin/api/orgs/{orgId}/traffic")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: usage")
@SecurityRequirement(name = "hyperionKey")
public class TrafficResource {

  /** Counts for one model, or for all of them; cost in USD. */
  public record Totals(
      String model,
      long requests,
      long errors,
      long promptTokens,
      long completionTokens,
      double costUsd) {

    /** The sum, named after this one's model. */
    Totals plus(Totals other) {
      return new Totals(
          model,
          requests + other.requests,
          errors + other.errors,
          promptTokens + other.promptTokens,
          completionTokens + other.completionTokens,
          costUsd + other.costUsd);
    }
  }

  /**
   * @param since when this instance started counting
   * @param total all models together ({@code model} is null)
   * @param models per model, most requests first
   */
  public record Traffic(String orgId, Instant since, Totals total, List<Totals> models) {}

  @Inject CurrentCaller currentCaller;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  @GET
  @Operation(summary = "Requests, errors, tokens and spend per model on this instance since start")
  public Traffic traffic(@PathParam("orgId") String orgId) {
    AccessPolicy.require(currentCaller.caller(), Area.USAGE, Access.READ, Scope.org(orgId));
    Instant since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    return of(orgId, since, metrics.getCounters());
  }

  static Traffic of(String orgId, Instant since, Map<MetricID, Counter> counters) {
    Map<String, Totals> byModel = new TreeMap<>();
    counters.forEach(
        (id, counter) -> {
          Map<String, String> tags = id.getTags();
          if (!orgId.equals(tags.get("org")) || !tags.containsKey("model")) {
            return;
          }
          String model = tags.get("model");
          long n = counter.getCount();
          Totals add =
              switch (id.getName()) {
                case "hyperion_requests_total" ->
                    new Totals(model, n, isError(tags.get("status")) ? n : 0, 0, 0, 0);
                case "hyperion_prompt_tokens_total" -> new Totals(model, 0, 0, n, 0, 0);
                case "hyperion_completion_tokens_total" -> new Totals(model, 0, 0, 0, n, 0);
                case "hyperion_cost_microusd_total" -> new Totals(model, 0, 0, 0, 0, n / 1e6);
                default -> null;
              };
          if (add != null) {
            byModel.merge(model, add, Totals::plus);
          }
        });
    List<Totals> models =
        byModel.values().stream()
            .sorted(Comparator.comparingLong(Totals::requests).reversed())
            .toList();
    Totals total = models.stream().reduce(new Totals(null, 0, 0, 0, 0, 0), Totals::plus);
    return new Traffic(orgId, since, total, models);
  }

  private static boolean isError(String status) {
    return status != null && !status.startsWith("2") && !status.startsWith("1");
  }
}
