-- Admin audit trail: append-only, one hash chain per organisation (see audit/AuditChain).
-- The application inserts rows and never updates them; the retention job is the only deleter.

CREATE TABLE audit_chain_heads (
  chain_id    VARCHAR(40) NOT NULL,
  last_seq    BIGINT      NOT NULL,
  last_hash   VARCHAR(64) NOT NULL,
  pruned_seq  BIGINT      NOT NULL,
  pruned_hash VARCHAR(64) NOT NULL,
  CONSTRAINT pk_audit_chain_heads PRIMARY KEY (chain_id)
);

CREATE TABLE audit_events (
  id               VARCHAR(40)    NOT NULL,
  chain_id         VARCHAR(40)    NOT NULL,
  seq              BIGINT         NOT NULL,
  occurred_at      TIMESTAMP      NOT NULL,
  actor_user_id    VARCHAR(40),
  actor_org_id     VARCHAR(40),
  actor_key_prefix VARCHAR(16),
  actor_role       VARCHAR(20),
  client_address   VARCHAR(64),
  user_agent       VARCHAR(300),
  action           VARCHAR(20)    NOT NULL,
  resource_type    VARCHAR(40)    NOT NULL,
  resource_id      VARCHAR(80),
  outcome          VARCHAR(10)    NOT NULL,
  status           INTEGER,
  error_code       VARCHAR(60),
  request_method   VARCHAR(10),
  request_path     VARCHAR(300),
  changes          VARCHAR(32000) NOT NULL,
  prev_hash        VARCHAR(64)    NOT NULL,
  hash             VARCHAR(64)    NOT NULL,
  CONSTRAINT pk_audit_events PRIMARY KEY (id),
  CONSTRAINT uq_audit_events_chain_seq UNIQUE (chain_id, seq)
);

CREATE INDEX ix_audit_events_chain_time ON audit_events (chain_id, occurred_at);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_user_id, occurred_at);
