package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CacheOptionsTest {

  @Test
  void anOrganisationWithoutSettingsHasTheExactTierOnByDefault() {
    CachePolicy policy = CacheOptions.defaults().defaultPolicy();
    assertEquals(CachePolicy.DEFAULT, policy);
    assertTrue(policy.exactEnabled());
    assertFalse(policy.semanticEnabled());
  }

  @Test
  void anOperatorCanMakeTheCacheOptIn() {
    CacheOptions d = CacheOptions.defaults();
    CacheOptions optIn =
        new CacheOptions(
            d.maxEntriesPerMember(),
            d.nearCacheEntries(),
            d.maxTtlSeconds(),
            d.embedderThreads(),
            d.embedderQueue(),
            d.warmUpEmbedder(),
            false);
    CachePolicy policy = optIn.defaultPolicy();
    assertFalse(policy.exactEnabled());
    assertEquals(CachePolicy.DEFAULT.ttlSeconds(), policy.ttlSeconds());
    assertEquals(CachePolicy.DEFAULT.scope(), policy.scope());
  }
}
