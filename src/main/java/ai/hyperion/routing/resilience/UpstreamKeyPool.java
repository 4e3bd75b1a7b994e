package ai.hyperion.routing.resilience;

import ai.hyperion.provider.Redaction;
import ai.hyperion.provider.Secret;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The API keys of one upstream (provider + base URL), shared by every model served there. A call
 * takes the usable key with the least in-flight calls weighted by the headroom its last answer
 * reported ({@link RateLimitHeaders}); ties rotate. A key answered with 429 cools down for the time
 * the upstream asked (or {@link #DEFAULT_COOLDOWN}); a key refused with 401/403 is taken out until
 * restart or an admin reset, and reported once (masked) in the log and in {@link #snapshot()}. A
 * provider signing its requests without pooled keys (Bedrock, Vertex) has one key slot whose secret
 * is null.
 */
public final class UpstreamKeyPool {

  /** A 429 without a Retry-After still rests the key this long. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(UpstreamKeyPool.class.getName());
  private static final double MIN_HEADROOM = 0.05;

  /** A key of the pool; {@code index} is stable (its position in gateway.yaml). */
  public static final class PooledKey {
    private final int index;
    private final Secret secret;
    private final String label;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Instant coolUntil = Instant.MIN;
    private volatile String removedReason;
    private volatile double headroom = 1.0;

    PooledKey(int index, Secret secret, String label) {
      this.index = index;
      this.secret = secret;
      this.label = label;
    }

    public int index() {
      return index;
    }

    /** The key to send, or null for a provider that signs requests itself. */
    public Secret secret() {
      return secret;
    }

    /** A masked name for logs and the admin API. */
    public String label() {
      return label;
    }
  }

  /** One key as the admin API shows it. */
  public record KeyHealth(
      int index,
      String label,
      int inFlight,
      double headroom,
      Instant coolingUntil,
      String removedReason) {}

  private final String upstream;
  private final List<PooledKey> keys;
  private final Clock clock;
  private final AtomicInteger rotation = new AtomicInteger();

  public UpstreamKeyPool(String upstream, List<Secret> configured, Clock clock) {
    this.upstream = upstream;
    this.clock = clock;
    List<PooledKey> usable = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      Secret key = configured.get(i);
      if (key != null && !key.isBlank()) {
        usable.add(
            new PooledKey(i, key, upstream + "#" + i + " (" + Redaction.mask(key.value()) + ")"));
      }
    }
    if (usable.isEmpty()) {
      usable.add(new PooledKey(0, null, upstream + " (provider credentials)"));
    }
    this.keys = List.copyOf(usable);
  }

  public String upstream() {
    return upstream;
  }

  /** Whether some key may take a call now. */
  public boolean hasUsableKey() {
    Instant now = clock.instant();
    for (PooledKey key : keys) {
      if (usable(key, now)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a key for one call (counted in flight until {@link #release}): {@code preferred} (by
   * index) when it is usable, else the least loaded usable key; empty when every key is cooling
   * down or removed.
   */
  public Optional<PooledKey> acquire(Integer preferred) {
    Instant now = clock.instant();
    PooledKey best = null;
    if (preferred != null) {
      for (PooledKey key : keys) {
        if (key.index == preferred && usable(key, now)) {
          best = key;
        }
      }
    }
    if (best == null) {
      double bestScore = Double.MAX_VALUE;
      int start = Math.floorMod(rotation.getAndIncrement(), keys.size());
      for (int i = 0; i < keys.size(); i++) {
        PooledKey key = keys.get((start + i) % keys.size());
        if (!usable(key, now)) {
          continue;
        }
        double score = (key.inFlight.get() + 1) / Math.max(MIN_HEADROOM, key.headroom);
        if (score < bestScore) {
          best = key;
          bestScore = score;
        }
      }
    }
    if (best != null) {
      best.inFlight.incrementAndGet();
    }
    return Optional.ofNullable(best);
  }

  public void release(PooledKey key) {
    key.inFlight.decrementAndGet();
  }

  /**
   * Learns the key's headroom from an answer's headers; an exhausted limit cools it until reset.
   */
  public void observe(PooledKey key, Function<String, Optional<String>> headers) {
    RateLimitHeaders.read(headers)
        .ifPresent(
            h -> {
              key.headroom = h.fraction();
              if (h.fraction() <= 0 && h.resetIn() != null) {
                coolDown(key, h.resetIn());
              }
            });
  }

  /**
   * Learns headroom from a response to a request that carried one of this pool's keys (as a bearer
   * token, an {@code x-api-key}/{@code x-goog-api-key} header or a {@code key=} query parameter); a
   * request with none of them (signed, or the credentials slot) says nothing.
   */
  public void observeResponse(
      HttpHeaders requestHeaders, URI uri, Function<String, Optional<String>> responseHeaders) {
    for (PooledKey key : keys) {
      if (key.secret != null && carries(requestHeaders, uri, key.secret.value())) {
        observe(key, responseHeaders);
        return;
      }
    }
  }

  private static boolean carries(HttpHeaders headers, URI uri, String secret) {
    for (String name : List.of("authorization", "x-api-key", "x-goog-api-key", "api-key")) {
      Optional<String> value = headers.firstValue(name);
      if (value.isPresent() && value.get().endsWith(secret)) {
        return true;
      }
    }
    String query = uri.getRawQuery();
    return query != null && query.contains("key=" + secret);
  }

  /** A 429 on this key: rest it for {@code wait}, or the default when the upstream said nothing. */
  public void rateLimited(PooledKey key, Duration wait) {
    coolDown(key, wait == null ? DEFAULT_COOLDOWN : wait);
  }

  /** A 401/403 on this key: out of the pool, reported once. */
  public void rejected(PooledKey key, String reason) {
    if (key.secret == null) {
      return; // signed requests: the provider's credentials, not a pooled key, were refused
    }
    if (key.removedReason == null) {
      key.removedReason = reason;
      LOG.warning(
          () ->
              "Upstream key " + key.label + " removed from its pool: " + Redaction.redact(reason));
    }
  }

  /** Puts every key back (admin reset). */
  public void reset() {
    for (PooledKey key : keys) {
      key.removedReason = null;
      key.coolUntil = Instant.MIN;
      key.headroom = 1.0;
    }
  }

  public List<KeyHealth> snapshot() {
    Instant now = clock.instant();
    return keys.stream()
        .map(
            k ->
                new KeyHealth(
                    k.index,
                    k.label,
                    k.inFlight.get(),
                    k.headroom,
                    k.coolUntil.isAfter(now) ? k.coolUntil : null,
                    k.removedReason))
        .toList();
  }

  private void coolDown(PooledKey key, Duration wait) {
    Instant until = clock.instant().plus(wait);
    if (until.isAfter(key.coolUntil)) {
      key.coolUntil = until;
    }
  }

  private static boolean usable(PooledKey key, Instant now) {
    return key.removedReason == null && !key.coolUntil.isAfter(now);
  }
}
