-- Response cache settings per organisation (issue 10). An organisation without a row uses the
-- defaults: exact tier on, semantic tier off, org scope, one hour, threshold 0.85, 10000 entries,
-- tool-call answers not cached. Portable SQL (Derby and PostgreSQL); times are UTC.

CREATE TABLE cache_settings (
  org_id               VARCHAR(40)      NOT NULL,
  exact_enabled        BOOLEAN          NOT NULL,
  semantic_enabled     BOOLEAN          NOT NULL,
  scope                VARCHAR(10)      NOT NULL,
  ttl_seconds          INTEGER          NOT NULL,
  similarity_threshold DOUBLE PRECISION NOT NULL,
  max_entries          INTEGER          NOT NULL,
  cache_tool_calls     BOOLEAN          NOT NULL,
  updated_at           TIMESTAMP        NOT NULL,
  version              BIGINT           NOT NULL,
  CONSTRAINT pk_cache_settings PRIMARY KEY (org_id),
  CONSTRAINT fk_cache_settings_org FOREIGN KEY (org_id) REFERENCES organizations (id)
    ON DELETE CASCADE
);
