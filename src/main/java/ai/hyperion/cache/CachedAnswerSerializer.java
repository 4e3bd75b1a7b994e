package ai.hyperion.cache;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * Compact form of a {@link CachedAnswer}: flat, queryable fields ({@code orgId}, {@code model},
 * {@code createdAt}, {@code sizeBytes} for purges and statistics) and the answer as bytes.
 */
final class CachedAnswerSerializer implements CompactSerializer<CachedAnswer> {

  @Override
  public String getTypeName() {
    return "hyperion.CachedAnswer";
  }

  @Override
  public Class<CachedAnswer> getCompactClass() {
    return CachedAnswer.class;
  }

  @Override
  public void write(CompactWriter out, CachedAnswer value) {
    out.writeString("orgId", value.orgId());
    out.writeString("scope", value.scopeTag());
    out.writeString("model", value.model());
    out.writeString("servedModel", value.servedModel());
    out.writeInt64("createdAt", value.createdAtMillis());
    out.writeInt32("ttlSeconds", value.ttlSeconds());
    out.writeInt64("missCostMicroUsd", value.missCostMicroUsd());
    out.writeInt32("sizeBytes", value.sizeBytes());
    out.writeArrayOfInt8("answer", value.answerBytes());
  }

  @Override
  public CachedAnswer read(CompactReader in) {
    return new CachedAnswer(
        in.readString("orgId"),
        in.readString("scope"),
        in.readString("model"),
        in.readString("servedModel"),
        in.readInt64("createdAt"),
        in.readInt32("ttlSeconds"),
        in.readInt64("missCostMicroUsd"),
        in.readArrayOfInt8("answer"));
  }
}
