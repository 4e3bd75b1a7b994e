package ai.hyperion.policy;

import ai.hyperion.policy.Reservation.BudgetSlot;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The cluster-wide store: counters in Redis, changed only by one Lua script, so every instance sees
 * the same counts and a reservation is atomic across all its levels and budgets. Calls are
 * coalesced ({@link ScriptBatcher}): operations that arrive while a call is outstanding travel
 * together in the next one, so under load many requests share a round trip, and each operation
 * stays atomic and exact (no quota is handed out ahead, so there is no lease to overshoot). Needs a
 * standalone Redis (or a primary with replicas): the script's keys are not declared for Redis
 * Cluster. Failures surface as {@link StoreUnavailableException}; {@link FailoverPolicyStore}
 * decides what to do about them.
 */
public final class RedissonPolicyStore implements PolicyStore {

  static final String SCRIPT = load("policy-store.lua");
  private static final long BUDGET_GRACE_SECONDS = 7 * 86_400L;

  private final RedissonClient redisson;
  private final RScript script;
  private final String prefix;
  private final Clock clock;
  private final ScriptBatcher<ObjectNode, JsonNode> batcher;

  public RedissonPolicyStore(RedissonClient redisson, String prefix, Clock clock, int maxInFlight) {
    this.redisson = redisson;
    this.script = redisson.getScript(StringCodec.INSTANCE);
    this.prefix = prefix;
    this.clock = clock;
    this.batcher = new ScriptBatcher<>(this::call, maxInFlight, 256);
  }

  @Override
  public String name() {
    return "redis";
  }

  /** The key prefix every key of this store starts with. */
  public String prefix() {
    return prefix;
  }

  @Override
  public CompletionStage<ReserveResult> reserve(ReserveCommand command) {
    ObjectNode op = Json.object().put("op", "reserve").put("id", command.id());
    op.put("now", command.nowMillis()).put("min", command.minute());
    op.put("dl", command.deadlineMillis());
    ArrayNode levels = op.putArray("lv");
    for (LevelPolicy level : command.levels()) {
      levels
          .addObject()
          .put("k", Reservation.levelKey(level))
          .put("rpm", orNone(level.requestsPerMinute()))
          .put("tpm", orNone(level.tokensPerMinute()))
          .put("cc", orNone(level.maxConcurrentRequests()));
    }
    ArrayNode budgets = op.putArray("bd");
    for (BudgetSlot slot : command.budgets()) {
      budgets
          .addObject()
          .put("k", slot.key())
          .put("amt", slot.rule().amountNanos())
          .put("hard", slot.rule().hardCutoff() ? 1 : 0)
          .put("ttl", ttlSeconds(slot, command.nowMillis()));
    }
    ArrayNode candidates = op.putArray("cd");
    for (CandidateCost cost : command.candidates()) {
      candidates.addObject().put("t", cost.rateTokens()).put("c", cost.worstCaseNanos());
    }
    return batcher.submit(op).thenApply(this::reserveResult);
  }

  private ReserveResult reserveResult(JsonNode answer) {
    List<LevelUsage> levels = new ArrayList<>();
    for (JsonNode level : list(answer.path("lv"))) {
      levels.add(
          new LevelUsage(level.get(0).asLong(), level.get(1).asLong(), level.get(2).asLong()));
    }
    List<Boolean> fits = new ArrayList<>();
    for (JsonNode fit : list(answer.path("fit"))) {
      fits.add(fit.asBoolean());
    }
    if (answer.path("ok").asInt() == 1) {
      return new Granted(
          name(), answer.path("i").asInt(), levels, fits, budgetUsages(answer.path("bd")));
    }
    JsonNode breach = answer.path("br");
    return new Denied(
        new Breach(
            Dimension.valueOf(breach.get(0).asText()),
            breach.get(1).asInt(),
            breach.get(2).asLong(),
            breach.get(3).asLong()),
        levels,
        fits);
  }

  @Override
  public CompletionStage<SettleResult> settle(
      Reservation reservation, long actualTokens, long costNanos) {
    long now = clock.millis();
    ObjectNode op = Json.object().put("op", "settle").put("id", reservation.id());
    op.put("now", now).put("min", reservation.minute());
    op.put("rt", reservation.rateTokens()).put("at", actualTokens).put("cost", costNanos);
    ArrayNode levels = op.putArray("lv");
    for (LevelPolicy level : reservation.levels()) {
      if (level.tokensPerMinute() != null) {
        levels.add(Reservation.levelKey(level));
      }
    }
    ArrayNode budgets = op.putArray("bd");
    for (BudgetSlot slot : reservation.budgets()) {
      budgets
          .addObject()
          .put("k", slot.key())
          .put("thr", slot.rule().thresholdNanos())
          .put("ttl", ttlSeconds(slot, now));
    }
    return batcher
        .submit(op)
        .thenApply(
            answer -> {
              List<Integer> crossed = new ArrayList<>();
              list(answer.path("x")).forEach(x -> crossed.add(x.asInt()));
              return new SettleResult(
                  answer.path("dup").asInt() == 1, crossed, budgetUsages(answer.path("bd")));
            });
  }

  @Override
  public CompletionStage<Boolean> release(Reservation reservation) {
    ObjectNode op =
        Json.object().put("op", "release").put("id", reservation.id()).put("now", clock.millis());
    return batcher.submit(op).thenApply(answer -> answer.path("ok").asInt() == 1);
  }

  @Override
  public CompletionStage<BudgetUsage> usage(BudgetSlot slot) {
    ObjectNode op = Json.object().put("op", "usage").put("k", slot.key());
    return batcher
        .submit(op)
        .thenApply(a -> new BudgetUsage(a.path("s").asLong(), a.path("r").asLong()));
  }

  /** Completes normally when Redis answers a trivial script. */
  public CompletionStage<Void> ping() {
    return script
        .<Long>evalAsync(RScript.Mode.READ_ONLY, "return 1", RScript.ReturnType.LONG)
        .toCompletableFuture()
        .handle(
            (answer, failure) -> {
              if (failure != null) {
                throw new StoreUnavailableException("Redis did not answer a ping", failure);
              }
              return null;
            });
  }

  @Override
  public void close() {
    // The Redisson client belongs to its producer, which shuts it down.
  }

  private CompletionStage<List<JsonNode>> call(List<ObjectNode> operations) {
    ArrayNode batch = Json.MAPPER.createArrayNode().addAll(operations);
    CompletableFuture<String> answer =
        script
            .<String>evalAsync(
                RScript.Mode.READ_WRITE,
                SCRIPT,
                RScript.ReturnType.VALUE,
                List.of(),
                prefix,
                batch.toString())
            .toCompletableFuture();
    return answer.handle(
        (raw, failure) -> {
          if (failure != null) {
            throw new StoreUnavailableException(
                "Redis did not answer the policy script: " + failure.getClass().getSimpleName(),
                failure);
          }
          try {
            List<JsonNode> results = new ArrayList<>();
            Json.MAPPER.readTree(raw).forEach(results::add);
            return results;
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("The policy script answered something unreadable", e);
          }
        });
  }

  /** Keeps a budget period's counters a week past its end; a total budget's forever (0). */
  private static long ttlSeconds(BudgetSlot slot, long nowMillis) {
    if (slot.window().end() == null) {
      return 0;
    }
    long left = (slot.window().end().toEpochMilli() - nowMillis) / 1000;
    return Math.max(1, left) + BUDGET_GRACE_SECONDS;
  }

  private static int orNone(Integer limit) {
    return limit == null ? -1 : limit;
  }

  /** cjson writes an empty Lua table as {}: read that as an empty list. */
  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
    }
    return out;
  }

  private static List<BudgetUsage> budgetUsages(JsonNode node) {
    return list(node).stream()
        .map(b -> new BudgetUsage(b.get(0).asLong(), b.get(1).asLong()))
        .toList();
  }

  private static String load(String resource) {
    try (InputStream in = RedissonPolicyStore.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The policy script " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
