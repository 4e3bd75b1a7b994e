package ai.hyperion.cache;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.metering.CostCalculator;
import ai.hyperion.pipeline.CacheOutcome;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.routing.CatalogModel;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.stream.StreamTap;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stage 3: the exact (L1) and semantic (L2) response caches on the request path. {@link #lookup}
 * turns a chat call into a {@link CacheQuery} (the tenant, the catalog model the request resolves
 * to, the {@code hyperion.cache} options and {@code Cache-Control}), asks the {@link ResponseCache}
 * and answers with a typed outcome: a hit (a complete answer, or its replay as a stream when the
 * call streams), a miss whose write-back stores the call's answer once it is complete, or a bypass.
 * Embeddings are not cached.
 */
@ApplicationScoped
public class CacheStage {

  private static final Logger LOG = Logger.getLogger(CacheStage.class.getName());

  /** {@code x-hyperion-provider} of an answer served from the cache. */
  public static final String PROVIDER = "cache";

  private ResponseCache cache;
  private ModelCatalog catalog;
  private Executor continuation;

  @Resource ManagedExecutorService managed;

  /** For CDI. */
  protected CacheStage() {}

  @Inject
  public CacheStage(ResponseCache cache, ModelCatalog catalog) {
    this.cache = cache;
    this.catalog = catalog;
  }

  /**
   * @param continuation where the pipeline continues when the lookup did not complete at once (an
   *     embedding or a remote read): never on an embedder or Hazelcast thread
   */
  CacheStage(ResponseCache cache, ModelCatalog catalog, Executor continuation) {
    this(cache, catalog);
    this.continuation = continuation;
  }

  /** Consults the cache for a call and records the outcome's header values in the Exchange. */
  @SuppressWarnings("unchecked")
  public <R> CompletionStage<CacheOutcome<R>> lookup(GatewayCall<R> call) {
    // Responses API calls are not cached yet: a natively forwarded answer carries the upstream's
    // whole body, which must never be replayed to a chat-completions client sharing the key.
    if (!(call instanceof ChatCall chat)
        || chat.responsesBody() != null
        || call.exchange().tenant() == null) {
      call.exchange().cache(CacheStatus.BYPASS, null);
      return CompletableFuture.completedFuture(new CacheOutcome.Bypass<>());
    }
    CompletableFuture<LookupResult> found = cache.lookup(query(chat)).toCompletableFuture();
    CompletionStage<CacheOutcome<ChatResult>> outcome =
        found.isDone()
            ? found.thenApply(result -> outcome(chat, result))
            : found.thenApplyAsync(result -> outcome(chat, result), continuation());
    return (CompletionStage<CacheOutcome<R>>) (CompletionStage<?>) outcome;
  }

  private Executor continuation() {
    return continuation != null ? continuation : managed;
  }

  private CacheQuery query(ChatCall call) {
    TenantContext tenant = call.exchange().tenant();
    return new CacheQuery(
        tenant.orgId(),
        tenant.teamId(),
        tenant.keyId(),
        keyModel(call),
        call.request(),
        call.options().cacheMode(),
        call.options().cacheTtlSeconds(),
        call.options().semanticCache(),
        call.exchange().cacheControl());
  }

  /**
   * The model part of the key: the catalog model an alias resolves to; a dedicated endpoint's own
   * server (the same model name on two endpoints is two servers); smart routing marked, since it
   * may answer with another model than the one named.
   */
  String keyModel(ChatCall call) {
    String model =
        call.pinned()
            .map(upstream -> "dedicated:" + upstream.name() + ":" + upstream.model())
            .orElseGet(
                () ->
                    catalog
                        .resolve(call.requestedModel())
                        .map(CatalogModel::id)
                        .orElse(call.requestedModel()));
    return call.options().smartRouting() ? model + "+smart" : model;
  }

  private CacheOutcome<ChatResult> outcome(ChatCall call, LookupResult result) {
    Exchange exchange = call.exchange();
    CacheStatus status =
        switch (result.status()) {
          case "hit" -> CacheStatus.HIT;
          case "miss" -> CacheStatus.MISS;
          default -> CacheStatus.BYPASS;
        };
    String detail = result.detail().orElse(null);
    exchange.cache(status, detail);
    if (result instanceof LookupResult.Hit hit) {
      exchange.servedBy(PROVIDER, hit.servedModel(), RouteMode.CACHE);
      exchange.cacheSaving(hit.savedCostUsd());
      return new CacheOutcome.Hit<>(replay(call, hit.response()), detail);
    }
    return result
        .writeBack()
        .<CacheOutcome<ChatResult>>map(
            ticket -> new CacheOutcome.Miss<>(answer -> writeBack(call, ticket, answer)))
        .orElseGet(CacheOutcome.Bypass::new);
  }

  /** A hit as the call asked for it: the answer, or its replay as the events of a stream. */
  private static ChatResult replay(ChatCall call, ChatResponse response) {
    if (!call.request().stream()) {
      return new ChatResult.Complete(response);
    }
    StreamTap tap = new StreamTap(StreamReplay.publisher(response));
    return new ChatResult.Streaming(tap, tap);
  }

  /**
   * Stores a complete answer: a non-streamed one now, a stream once it ended normally (terminal
   * event seen, every choice finished); never a cut or failed stream, nor an answer a fallback gave
   * instead of the model asked for.
   */
  private void writeBack(ChatCall call, WriteBack ticket, ChatResult result) {
    Exchange exchange = call.exchange();
    if (exchange.routeMode() == RouteMode.FALLBACK) {
      return;
    }
    if (result instanceof ChatResult.Complete complete) {
      store(exchange, ticket, complete.response());
    } else if (result instanceof ChatResult.Streaming streaming) {
      streaming
          .ending()
          .ended()
          .thenAccept(
              end -> {
                if (end.complete()) {
                  store(exchange, ticket, streamed(end));
                }
              });
    }
  }

  private static ChatResponse streamed(StreamEnd end) {
    ChatResponse answer = end.answer();
    return end.usage() == null || answer.usage() != null
        ? answer
        : new ChatResponse(
            answer.id(),
            answer.created(),
            answer.model(),
            answer.choices(),
            end.usage(),
            answer.extras());
  }

  private void store(Exchange exchange, WriteBack ticket, ChatResponse answer) {
    String served = exchange.servedModel() == null ? answer.model() : exchange.servedModel();
    ChatResponse named = answer.withModel(served);
    double cost =
        catalog
            .resolve(served)
            .map(CatalogModel::facts)
            .map(facts -> CostCalculator.cost(facts, named.usage()))
            .orElse(0.0);
    cache
        .store(ticket, named, cost)
        .whenComplete(
            (stored, failure) -> {
              if (failure != null) {
                LOG.log(Level.WARNING, "Cache write-back failed", failure);
              }
            });
  }
}
