package ai.hyperion.admin;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Hazelcast Compact form of an {@link AdminSession} (no class lookup by name). */
final class AdminSessionSerializer implements CompactSerializer<AdminSession> {

  @Override
  public String getTypeName() {
    return "hyperion.AdminSession";
  }

  @Override
  public Class<AdminSession> getCompactClass() {
    return AdminSession.class;
  }

  @Override
  public void write(CompactWriter out, AdminSession session) {
    out.writeString("keyPrefix", session.keyPrefix());
    out.writeString("csrfToken", session.csrfToken());
    out.writeInt64("createdAt", session.createdAtMillis());
    out.writeInt64("lastSeen", session.lastSeenMillis());
  }

  @Override
  public AdminSession read(CompactReader in) {
    return new AdminSession(
        in.readString("keyPrefix"),
        in.readString("csrfToken"),
        in.readInt64("createdAt"),
        in.readInt64("lastSeen"));
  }
}
