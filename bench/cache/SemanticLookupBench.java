import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.cache.CacheMaps;
import ai.hyperion.cache.CacheOptions;
import ai.hyperion.cache.CachePolicies;
import ai.hyperion.cache.CachePolicy;
import ai.hyperion.cache.CacheQuery;
import ai.hyperion.cache.CacheScope;
import ai.hyperion.cache.LookupResult;
import ai.hyperion.cache.MiniLmEmbedder;
import ai.hyperion.cache.ResponseCache;
import ai.hyperion.cluster.ClusterSettings;
import ai.hyperion.cluster.HazelcastConfigs;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Usage;
import ai.hyperion.api.openai.OpenAiRequestReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Semantic-tier figures: the embedding model's load time and memory, then the latency of whole
 * lookups through ResponseCache (exact-tier miss, embedding of the last turn on the embedder's
 * thread, HNSW search, post-match check, answer read) against an index of N entries, and of warm
 * exact-tier hits. Prints markdown tables.
 */
public class SemanticLookupBench {

  static final String[] SUBJECTS = {
    "password", "invoice", "subscription", "refund", "shipping address", "account", "order",
    "printer", "router", "VPN", "email signature", "calendar", "laptop battery", "phone plan",
    "credit card", "delivery", "warranty", "gift card", "newsletter", "two-factor login"
  };
  static final String[] ASKS = {
    "How do I reset my %s?", "How can I change my %s?", "Why is my %s not working?",
    "Where can I find my %s?", "Can I cancel my %s?", "What should I do if I lose my %s?",
    "How long does it take to update my %s?", "Who can help me with my %s?",
    "Is there a fee to replace my %s?", "How do I set up a new %s?"
  };

  public static void main(String[] args) throws Exception {
    try {
      run();
    } finally {
      Hazelcast.shutdownAll();
    }
  }

  static void run() throws Exception {
    int entries = Integer.getInteger("bench.entries", 2000);
    int lookups = Integer.getInteger("bench.lookups", 2000);
    long rssBefore = rssKiB();
    long heapBefore = usedHeap();
    MiniLmEmbedder embedder = new MiniLmEmbedder(1, 64);
    long loadMillis = embedder.warmUp().toCompletableFuture().get();
    long heapAfter = usedHeap();
    long rssAfter = rssKiB();
    System.out.println("| embedding model | load (ms) | heap after GC (MiB) | RSS (MiB) |");
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| all-MiniLM-L6-v2 quantised (ONNX) | %d | +%.1f | +%.1f |%n%n",
        loadMillis,
        (heapAfter - heapBefore) / 1048576.0,
        (rssAfter - rssBefore) / 1024.0);

    ClusterSettings settings =
        new ClusterSettings("bench-" + System.nanoTime(), "127.0.0.1", 5901, true, List.of());
    HazelcastInstance member =
        Hazelcast.newHazelcastInstance(
            CacheMaps.apply(HazelcastConfigs.member(settings), CacheOptions.defaults()));
    CachePolicy policy = new CachePolicy(true, true, CacheScope.ORG, 3600, 0.85, 1_000_000, false);
    ResponseCache cache =
        new ResponseCache(
            member,
            new CachePolicies(member, org -> policy, Runnable::run),
            embedder,
            CacheOptions.defaults(),
            Clock.systemUTC());

    // Index: entries prompts of one conversation prefix (the worst case for the filter).
    List<String> stored = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      String prompt = prompt(i) + (i >= SUBJECTS.length * ASKS.length ? " (case " + i + ")" : "");
      LookupResult miss = cache.lookup(query(prompt)).toCompletableFuture().get();
      if (miss.writeBack().isPresent()) {
        cache.store(miss.writeBack().get(), answer(prompt), 0.001).toCompletableFuture().get();
        stored.add(prompt);
      }
    }

    long[] semantic = new long[lookups];
    int hits = 0;
    for (int i = 0; i < lookups; i++) {
      // Rephrased: "Could you tell me ..." is not in the exact tier, so every lookup embeds.
      String prompt = "Could you tell me: " + prompt(i).toLowerCase(Locale.ROOT) + " #" + i;
      long start = System.nanoTime();
      LookupResult result = cache.lookup(query(prompt)).toCompletableFuture().get();
      semantic[i] = System.nanoTime() - start;
      hits += result instanceof LookupResult.Hit ? 1 : 0;
    }
    long[] exact = new long[lookups * 10];
    for (int i = 0; i < exact.length; i++) {
      CacheQuery q = query(stored.get(i % stored.size()));
      long start = System.nanoTime();
      LookupResult result = cache.lookup(q).toCompletableFuture().get();
      exact[i] = System.nanoTime() - start;
      if (!(result instanceof LookupResult.Hit)) {
        throw new IllegalStateException("expected an exact hit");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| lookup (%d indexed entries) | calls | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |%n",
        stored.size());
    System.out.println("|---|---:|---:|---:|---:|---:|");
    long[] embedOnly = new long[lookups];
    for (int i = 0; i < lookups; i++) {
      String prompt = "Just checking: " + prompt(i) + " #" + i;
      long start = System.nanoTime();
      embedder.embed(prompt).toCompletableFuture().get();
      embedOnly[i] = System.nanoTime() - start;
    }
    row("embedding alone (on the embedder thread, incl. hand-off)", embedOnly);
    row("L2: exact miss + embed + HNSW + check (" + hits + " hits)", semantic);
    row("L1: warm exact hit (near-cache)", exact);
    cache.close();
    embedder.close();
    member.shutdown();
  }

  static String prompt(int i) {
    return String.format(
        Locale.ROOT, ASKS[i % ASKS.length], SUBJECTS[(i / ASKS.length) % SUBJECTS.length]);
  }

  static CacheQuery query(String text) {
    ObjectNode body = Json.object().put("model", "gpt-4o-mini");
    body.putArray("messages")
        .add(Json.object().put("role", "system").put("content", "You are a support agent."))
        .add(Json.object().put("role", "user").put("content", text));
    ChatRequest request = OpenAiRequestReader.read(body, RequestOptionsReader.FIELDS);
    return new CacheQuery("org-bench", null, "key-1", "gpt-4o-mini", request, null, null, null, null);
  }

  static ChatResponse answer(String prompt) {
    return new ChatResponse(
        "chatcmpl-1",
        1,
        "gpt-4o-mini",
        List.of(
            new ChatResponse.Choice(
                0,
                ChatMessage.text(Role.ASSISTANT, "Here is how: " + prompt),
                FinishReason.STOP,
                null)),
        new Usage(40, 60),
        null);
  }

  static void row(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n",
        name,
        sorted.length,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long rssKiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", ""));
      }
    }
    return -1;
  }
}
