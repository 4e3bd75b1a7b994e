package ai.hyperion.cache;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Compact form of a {@link SemanticEntry}. */
final class SemanticEntrySerializer implements CompactSerializer<SemanticEntry> {

  @Override
  public String getTypeName() {
    return "hyperion.SemanticEntry";
  }

  @Override
  public Class<SemanticEntry> getCompactClass() {
    return SemanticEntry.class;
  }

  @Override
  public void write(CompactWriter out, SemanticEntry e) {
    out.writeString("key", e.key());
    out.writeString("orgId", e.orgId());
    out.writeString("scope", e.scopeTag());
    out.writeString("model", e.model());
    out.writeString("embedder", e.embedder());
    out.writeString("conversation", e.conversation());
    out.writeString("text", e.text());
    out.writeArrayOfFloat32("vector", e.vector());
    out.writeInt64("createdAt", e.createdAtMillis());
    out.writeInt64("expiresAt", e.expiresAtMillis());
  }

  @Override
  public SemanticEntry read(CompactReader in) {
    return new SemanticEntry(
        in.readString("key"),
        in.readString("orgId"),
        in.readString("scope"),
        in.readString("model"),
        in.readString("embedder"),
        in.readString("conversation"),
        in.readString("text"),
        in.readArrayOfFloat32("vector"),
        in.readInt64("createdAt"),
        in.readInt64("expiresAt"));
  }
}
