package ai.hyperion.auth;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * How the key verifier trusts its cache and spends database queries.
 *
 * @param recheckAfter how long a cached ACTIVE record is trusted before this member reads the
 *     database again: bounds how long a revocation that never reached it (a partition, a failed
 *     publish, instances sharing a database without a cluster) can be ignored
 * @param unknownTtl how long this member remembers that a prefix does not exist
 * @param maxUnknown at most this many remembered unknown prefixes per member
 * @param foreignKeyPrefix the lookup prefix of the configured bootstrap key when it is not of the
 *     {@code hk-} shape (empty when it is, or none is configured): any other token of that shape is
 *     refused without a lookup; null accepts every foreign-shaped token (tests of older behaviour)
 */
public record VerifierSettings(
    Duration recheckAfter, Duration unknownTtl, int maxUnknown, Optional<String> foreignKeyPrefix) {

  /** The operator's bootstrap key (env HYPERION_BOOTSTRAP_KEY). */
  public static final String BOOTSTRAP_KEY_PROPERTY = "hyperion.auth.bootstrap-key";

  public static final String RECHECK_PROPERTY = "hyperion.auth.recheck-seconds";
  public static final String UNKNOWN_TTL_PROPERTY = "hyperion.auth.unknown-prefix-ttl-seconds";
  public static final VerifierSettings DEFAULTS =
      new VerifierSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 10_000, null);

  public static VerifierSettings from(Config config) {
    Optional<String> foreign =
        config
            .getOptionalValue(BOOTSTRAP_KEY_PROPERTY, String.class)
            .filter(key -> !key.isBlank())
            .filter(key -> VirtualKeyFormat.parseStandard(key.trim()).isEmpty())
            .flatMap(key -> VirtualKeyFormat.parse(key.trim()))
            .map(VirtualKeyFormat.PresentedKey::prefix);
    return new VerifierSettings(
        Duration.ofSeconds(
            config
                .getOptionalValue(RECHECK_PROPERTY, Long.class)
                .orElse(DEFAULTS.recheckAfter.toSeconds())),
        Duration.ofSeconds(
            config
                .getOptionalValue(UNKNOWN_TTL_PROPERTY, Long.class)
                .orElse(DEFAULTS.unknownTtl.toSeconds())),
        DEFAULTS.maxUnknown,
        foreign);
  }
}
