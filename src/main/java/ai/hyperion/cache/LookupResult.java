package ai.hyperion.cache;

import ai.hyperion.provider.ChatResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * The cache's answer to a lookup: a {@link Hit} to return instead of calling upstream, a {@link
 * Miss} whose answer should be written back, or a {@link Bypass} (not read; written back only when
 * it carries a {@link WriteBack}, as for {@code refresh} and {@code Cache-Control: no-cache}).
 */
public sealed interface LookupResult {

  /** The value of {@code x-hyperion-cache}. */
  String status();

  /** The value of {@code x-hyperion-cache-detail}, or empty. */
  Optional<String> detail();

  /** What to hand to {@link ResponseCache#store} once the upstream answered completely. */
  Optional<WriteBack> writeBack();

  /**
   * A cached answer. {@code response} has a fresh id and the current time; its usage is the
   * original call's (what the answer is worth), while the upstream cost of this request is zero and
   * {@code savedCostUsd} is what it would have cost.
   *
   * @param similarity cosine similarity of the matched prompt (L2), else null
   * @param ageSeconds how long ago the answer was cached
   * @param ttlSeconds how long it stays cached
   */
  record Hit(
      ChatResponse response,
      CacheTier tier,
      Double similarity,
      long ageSeconds,
      long ttlSeconds,
      String servedModel,
      double savedCostUsd)
      implements LookupResult {

    @Override
    public String status() {
      return "hit";
    }

    @Override
    public Optional<String> detail() {
      StringBuilder detail = new StringBuilder("tier=").append(tier.headerValue());
      if (similarity != null) {
        detail.append(String.format(Locale.ROOT, "; similarity=%.3f", similarity));
      }
      detail.append("; ttl=").append(ttlSeconds).append("; age=").append(ageSeconds);
      return Optional.of(detail.toString());
    }

    @Override
    public Optional<WriteBack> writeBack() {
      return Optional.empty();
    }
  }

  record Miss(WriteBack ticket) implements LookupResult {
    @Override
    public String status() {
      return "miss";
    }

    @Override
    public Optional<String> detail() {
      return Optional.empty();
    }

    @Override
    public Optional<WriteBack> writeBack() {
      return Optional.of(ticket);
    }
  }

  /**
   * Not read. {@code reason}: {@code bypass}, {@code refresh}, {@code no-store}, {@code no-cache},
   * {@code disabled} (the organisation turned both tiers off) or {@code unavailable}.
   */
  record Bypass(String reason, WriteBack ticket) implements LookupResult {
    @Override
    public String status() {
      return "bypass";
    }

    @Override
    public Optional<String> detail() {
      return Optional.of("reason=" + reason);
    }

    @Override
    public Optional<WriteBack> writeBack() {
      return Optional.ofNullable(ticket);
    }
  }
}
