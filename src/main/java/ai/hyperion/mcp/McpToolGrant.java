package ai.hyperion.mcp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One entry of a tool allow-list (V70__mcp_gateway.sql): at {@code level} ({@code org}, {@code
 * team} or {@code key}) for {@code subjectId}, the tool {@code toolName} of {@code serverName} (or
 * every tool of it, {@code *}) may be called.
 */
@Entity
@Table(name = "mcp_tool_grants")
public class McpToolGrant {

  @Id
  @Column(name = "id", length = 40)
  private String id;

  @Column(name = "org_id", nullable = false, length = 40)
  private String orgId;

  @Column(name = "grant_level", nullable = false, length = 10)
  private String level;

  @Column(name = "subject_id", nullable = false, length = 40)
  private String subjectId;

  @Column(name = "server_name", nullable = false, length = 40)
  private String serverName;

  @Column(name = "tool_name", nullable = false, length = 200)
  private String toolName;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  protected McpToolGrant() {}

  public McpToolGrant(ToolGrant grant, String orgId) {
    this.id = "mg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    this.orgId = orgId;
    this.level = grant.level();
    this.subjectId = grant.subjectId();
    this.serverName = grant.server();
    this.toolName = grant.tool();
    this.createdAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public ToolGrant toGrant() {
    return new ToolGrant(level, subjectId, serverName, toolName);
  }
}
