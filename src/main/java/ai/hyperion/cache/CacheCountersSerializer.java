package ai.hyperion.cache;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Compact form of {@link CacheCounters}; deterministic, so replace-if-equal works. */
final class CacheCountersSerializer implements CompactSerializer<CacheCounters> {

  @Override
  public String getTypeName() {
    return "hyperion.CacheCounters";
  }

  @Override
  public Class<CacheCounters> getCompactClass() {
    return CacheCounters.class;
  }

  @Override
  public void write(CompactWriter out, CacheCounters c) {
    out.writeInt64("exactHits", c.exactHits());
    out.writeInt64("exactMisses", c.exactMisses());
    out.writeInt64("semanticHits", c.semanticHits());
    out.writeInt64("semanticMisses", c.semanticMisses());
    out.writeInt64("bypasses", c.bypasses());
    out.writeInt64("exactSaved", c.exactSavedMicroUsd());
    out.writeInt64("semanticSaved", c.semanticSavedMicroUsd());
  }

  @Override
  public CacheCounters read(CompactReader in) {
    return new CacheCounters(
        in.readInt64("exactHits"),
        in.readInt64("exactMisses"),
        in.readInt64("semanticHits"),
        in.readInt64("semanticMisses"),
        in.readInt64("bypasses"),
        in.readInt64("exactSaved"),
        in.readInt64("semanticSaved"));
  }
}
