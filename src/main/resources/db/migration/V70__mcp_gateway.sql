-- MCP gateway (mcp/): tool permissions per org, team or key; per-org upstream tokens, encrypted
-- (AES-GCM, never returned); and the argument size of a tool call in the request log.
-- Portable SQL (Derby and PostgreSQL); times are UTC.

CREATE TABLE mcp_tool_grants (
  id          VARCHAR(40)  NOT NULL,
  org_id      VARCHAR(40)  NOT NULL,
  grant_level VARCHAR(10)  NOT NULL,
  subject_id  VARCHAR(40)  NOT NULL,
  server_name VARCHAR(40)  NOT NULL,
  tool_name   VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP    NOT NULL,
  CONSTRAINT pk_mcp_tool_grants PRIMARY KEY (id),
  CONSTRAINT fk_mcp_tool_grants_org FOREIGN KEY (org_id) REFERENCES organizations (id)
    ON DELETE CASCADE
);

CREATE INDEX ix_mcp_tool_grants_org ON mcp_tool_grants (org_id);

CREATE TABLE mcp_credentials (
  id           VARCHAR(90)   NOT NULL,
  org_id       VARCHAR(40)   NOT NULL,
  server_name  VARCHAR(40)   NOT NULL,
  token_cipher VARCHAR(4000) NOT NULL,
  updated_at   TIMESTAMP     NOT NULL,
  CONSTRAINT pk_mcp_credentials PRIMARY KEY (id),
  CONSTRAINT fk_mcp_credentials_org FOREIGN KEY (org_id) REFERENCES organizations (id)
    ON DELETE CASCADE
);

ALTER TABLE request_log ADD COLUMN argument_bytes INTEGER;
