package ai.hyperion.mcp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * An organisation's token for one upstream MCP server (V70__mcp_gateway.sql), stored only as
 * ciphertext ({@link ai.hyperion.dedicated.TokenCipher}, the org and server as associated data);
 * never returned by the admin API.
 */
@Entity
@Table(name = "mcp_credentials")
public class McpCredential {

  @Id
  @Column(name = "id", length = 90)
  private String id;

  @Column(name = "org_id", nullable = false, length = 40)
  private String orgId;

  @Column(name = "server_name", nullable = false, length = 40)
  private String serverName;

  @Column(name = "token_cipher", nullable = false, length = 4000)
  private String tokenCipher;

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  protected McpCredential() {}

  public McpCredential(String orgId, String serverName, String tokenCipher) {
    this.id = idOf(orgId, serverName);
    this.orgId = orgId;
    this.serverName = serverName;
    replace(tokenCipher);
  }

  static String idOf(String orgId, String serverName) {
    return orgId + "/" + serverName;
  }

  void replace(String cipher) {
    this.tokenCipher = cipher;
    this.updatedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public String serverName() {
    return serverName;
  }

  public String tokenCipher() {
    return tokenCipher;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }
}
