package ai.hyperion.cache;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Compact form of a {@link CachePolicy}. */
final class CachePolicySerializer implements CompactSerializer<CachePolicy> {

  @Override
  public String getTypeName() {
    return "hyperion.CachePolicy";
  }

  @Override
  public Class<CachePolicy> getCompactClass() {
    return CachePolicy.class;
  }

  @Override
  public void write(CompactWriter out, CachePolicy p) {
    out.writeBoolean("exact", p.exactEnabled());
    out.writeBoolean("semantic", p.semanticEnabled());
    out.writeString("scope", p.scope().name());
    out.writeInt32("ttlSeconds", p.ttlSeconds());
    out.writeFloat64("threshold", p.similarityThreshold());
    out.writeInt32("maxEntries", p.maxEntries());
    out.writeBoolean("toolCalls", p.cacheToolCalls());
  }

  @Override
  public CachePolicy read(CompactReader in) {
    return new CachePolicy(
        in.readBoolean("exact"),
        in.readBoolean("semantic"),
        CacheScope.valueOf(in.readString("scope")),
        in.readInt32("ttlSeconds"),
        in.readFloat64("threshold"),
        in.readInt32("maxEntries"),
        in.readBoolean("toolCalls"));
  }
}
