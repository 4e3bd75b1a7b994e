package ai.hyperion.audit.log;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.metering.CostCalculator;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.routing.CatalogModel;
import ai.hyperion.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands every finished data-plane request to the {@link RequestLog}: the completion event (fired
 * once per request, streams at their end, disconnects included) mapped onto a {@link
 * RequestLogEntry}. Runs on the thread that completed the answer, so it only copies references and
 * offers to the writer's bounded queue; redaction and the database write happen in the writer.
 * Requests refused before their key was resolved belong to no organisation and are not logged here
 * (they never reach the gateway).
 */
@ApplicationScoped
public class RequestLogObserver {

  private RequestLog log;
  private ModelCatalog catalog;

  protected RequestLogObserver() {}

  @Inject
  public RequestLogObserver(RequestLog log, ModelCatalog catalog) {
    this.log = log;
    this.catalog = catalog;
  }

  void onCompleted(@Observes RequestCompleted completed) {
    RequestLogEntry entry = entry(completed);
    if (entry != null) {
      log.record(entry);
    }
  }

  /** The log entry of a completed request, or null when it has no tenant. */
  RequestLogEntry entry(RequestCompleted completed) {
    Exchange exchange = completed.exchange();
    TenantContext tenant = exchange.tenant();
    if (tenant == null) {
      return null;
    }
    Map<String, Double> stages = new HashMap<>();
    exchange.timings().forEach((stage, nanos) -> stages.put(stage.metricName(), nanos / 1e6));
    return new RequestLogEntry(
        exchange.requestId(),
        exchange.startedAt(),
        tenant.orgId(),
        tenant.teamId(),
        tenant.userId(),
        tenant.keyId(),
        tenant.keyPrefix(),
        exchange.endpoint(),
        exchange.requestedModel(),
        exchange.servedModel(),
        exchange.provider(),
        exchange.routeMode().headerValue(),
        exchange.intent(),
        exchange.cacheStatus().headerValue(),
        completed.status(),
        errorCode(completed.error()),
        completed.streamed(),
        completed.clientDisconnected(),
        completed.usage(),
        cost(exchange.servedModel(), completed),
        completed.attempts().size(),
        stages,
        exchange.elapsedNanos() / 1e6,
        exchange.clientAddress(),
        exchange.prompt(),
        completed.answer(),
        null);
  }

  /** The error's code, or its type when the upstream gave none (an upstream 500 has no code). */
  private static String errorCode(GatewayError error) {
    if (error == null) {
      return null;
    }
    return error.code() != null ? error.code() : error.type();
  }

  private double cost(String model, RequestCompleted completed) {
    // A cached answer bought nothing upstream (the usage ledger and the budgets agree).
    if (model == null || completed.usage() == null || completed.exchange().servedFromCache()) {
      return 0;
    }
    return catalog
        .resolve(model)
        .map(CatalogModel::facts)
        .map(facts -> CostCalculator.cost(facts, completed.usage()))
        .orElse(0.0);
  }
}
