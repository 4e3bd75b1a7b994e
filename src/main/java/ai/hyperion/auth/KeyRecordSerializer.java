package ai.hyperion.auth;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hazelcast Compact form of a {@link KeyRecord}: flat fields, no Java serialisation, no class
 * lookup by name (so it works with Hazelcast loaded outside the application). Deterministic, so
 * {@code IMap.replace(key, expected, next)} can compare records.
 */
final class KeyRecordSerializer implements CompactSerializer<KeyRecord> {

  private static final String[] LEVELS = {"key", "user", "team", "org"};

  @Override
  public String getTypeName() {
    return "hyperion.KeyRecord";
  }

  @Override
  public Class<KeyRecord> getCompactClass() {
    return KeyRecord.class;
  }

  @Override
  public void write(CompactWriter out, KeyRecord record) {
    out.writeString("prefix", record.prefix());
    out.writeString("status", record.status().name());
    out.writeArrayOfInt8("hash", record.hash());
    out.writeInt64("expiresAt", record.expiresAtMillis());
    TenantContext t = record.tenant();
    out.writeBoolean("hasTenant", t != null);
    out.writeString("orgId", t == null ? null : t.orgId());
    out.writeString("teamId", t == null ? null : t.teamId());
    out.writeString("userId", t == null ? null : t.userId());
    out.writeString("keyId", t == null ? null : t.keyId());
    out.writeString("keyPrefix", t == null ? null : t.keyPrefix());
    writeAllowList(out, "models", t == null ? AllowList.unrestricted() : t.models());
    writeAllowList(out, "providers", t == null ? AllowList.unrestricted() : t.providers());
    out.writeBoolean("auto", t != null && t.autoRoutingEnabled());
    out.writeBoolean("smart", t != null && t.smartRoutingEnabled());
    Map<String, String> metadata = t == null ? Map.of() : t.metadata();
    List<String> metadataKeys = new ArrayList<>(metadata.keySet());
    metadataKeys.sort(null);
    out.writeArrayOfString("metadataKeys", metadataKeys.toArray(String[]::new));
    out.writeArrayOfString(
        "metadataValues", metadataKeys.stream().map(metadata::get).toArray(String[]::new));
    out.writeArrayOfString("tags", t == null ? new String[0] : sorted(t.tags()));
    TenantLimits limits = t == null ? TenantLimits.NONE : t.limits();
    Limits[] levels = {limits.key(), limits.user(), limits.team(), limits.org()};
    for (int i = 0; i < LEVELS.length; i++) {
      writeLimits(out, LEVELS[i], levels[i]);
    }
    out.writeString("role", t == null ? null : t.role().name());
    out.writeBoolean("dataPlane", t != null && t.allows(KeyPurpose.DATA_PLANE));
    out.writeBoolean("admin", t != null && t.allows(KeyPurpose.ADMIN));
  }

  @Override
  public KeyRecord read(CompactReader in) {
    TenantContext tenant = null;
    if (in.readBoolean("hasTenant")) {
      String[] metadataKeys = in.readArrayOfString("metadataKeys");
      String[] metadataValues = in.readArrayOfString("metadataValues");
      Map<String, String> metadata = new HashMap<>();
      for (int i = 0; i < metadataKeys.length; i++) {
        metadata.put(metadataKeys[i], metadataValues[i]);
      }
      tenant =
          new TenantContext(
              in.readString("orgId"),
              in.readString("teamId"),
              in.readString("userId"),
              in.readString("keyId"),
              in.readString("keyPrefix"),
              readAllowList(in, "models"),
              readAllowList(in, "providers"),
              in.readBoolean("auto"),
              in.readBoolean("smart"),
              metadata,
              Set.of(in.readArrayOfString("tags")),
              new TenantLimits(
                  readLimits(in, "key"),
                  readLimits(in, "user"),
                  readLimits(in, "team"),
                  readLimits(in, "org")),
              UserRole.valueOf(in.readString("role")),
              readPurposes(in));
    }
    return new KeyRecord(
        in.readString("prefix"),
        KeyStatus.valueOf(in.readString("status")),
        in.readArrayOfInt8("hash"),
        in.readInt64("expiresAt"),
        tenant);
  }

  /** A record written by a member that predates key purposes: its keys opened both planes. */
  private static Set<KeyPurpose> readPurposes(CompactReader in) {
    if (in.getFieldKind("dataPlane") == FieldKind.NOT_AVAILABLE) {
      return KeyPurpose.BOTH;
    }
    return KeyPurpose.of(in.readBoolean("dataPlane"), in.readBoolean("admin"));
  }

  private static void writeAllowList(CompactWriter out, String name, AllowList list) {
    out.writeBoolean(name + "Restricted", list.restricted());
    out.writeArrayOfString(name, sorted(list.names()));
  }

  /** Sets iterate in a per-JVM order: sorting makes equal records serialise to equal bytes. */
  private static String[] sorted(Set<String> names) {
    String[] array = names.toArray(String[]::new);
    Arrays.sort(array);
    return array;
  }

  private static AllowList readAllowList(CompactReader in, String name) {
    return new AllowList(in.readBoolean(name + "Restricted"), Set.of(in.readArrayOfString(name)));
  }

  private static void writeLimits(CompactWriter out, String level, Limits limits) {
    out.writeNullableInt32(level + "Rpm", limits.requestsPerMinute());
    out.writeNullableInt32(level + "Tpm", limits.tokensPerMinute());
    out.writeNullableInt32(level + "Concurrency", limits.maxConcurrentRequests());
    out.writeString(level + "BudgetRef", limits.budgetRef());
  }

  private static Limits readLimits(CompactReader in, String level) {
    return new Limits(
        in.readNullableInt32(level + "Rpm"),
        in.readNullableInt32(level + "Tpm"),
        in.readNullableInt32(level + "Concurrency"),
        in.readString(level + "BudgetRef"));
  }
}
