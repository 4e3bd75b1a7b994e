package ai.hyperion.cache;

import ai.hyperion.persistence.Transactions;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the cache's parts once per application: options from MicroProfile Config, the in-process
 * embedder (an operator-configured provider embedder would be produced here instead), the
 * per-organisation policies (loaded on the managed executor) and the {@link ResponseCache}.
 */
@ApplicationScoped
public class ResponseCacheProducer {

  @Inject HazelcastInstance hazelcast;
  @Inject Transactions transactions;

  @Resource ManagedExecutorService executor;

  @Produces
  @Singleton
  CacheOptions options() {
    return CacheOptions.from(ConfigProvider.getConfig());
  }

  @Produces
  @Singleton
  Embedder embedder(CacheOptions options) {
    MiniLmEmbedder embedder =
        new MiniLmEmbedder(options.embedderThreads(), options.embedderQueue());
    if (options.warmUpEmbedder()) {
      embedder.warmUp();
    }
    return embedder;
  }

  static void closeEmbedder(@Disposes Embedder embedder) throws Exception {
    if (embedder instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Produces
  @Singleton
  CachePolicies policies(CacheOptions options) {
    CachePolicy defaults = options.defaultPolicy();
    return new CachePolicies(
        hazelcast, orgId -> CacheSettingsService.load(transactions, orgId, defaults), executor);
  }

  @Produces
  @Singleton
  ResponseCache responseCache(CachePolicies policies, Embedder embedder, CacheOptions options) {
    return new ResponseCache(hazelcast, policies, embedder, options, Clock.systemUTC());
  }

  static void closeCache(@Disposes ResponseCache cache) {
    cache.close();
  }
}
