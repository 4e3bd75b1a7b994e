-- The request log (audit/log): one row per data-plane request, written in batches off the
-- request path. Bodies only where the org turns it on, redacted, at most 32,000 characters.
CREATE TABLE request_log (
  request_id          VARCHAR(64)      NOT NULL,
  occurred_at         TIMESTAMP        NOT NULL,
  org_id              VARCHAR(40)      NOT NULL,
  team_id             VARCHAR(40),
  user_id             VARCHAR(40),
  key_id              VARCHAR(40),
  key_prefix          VARCHAR(16),
  endpoint            VARCHAR(100),
  requested_model     VARCHAR(200),
  served_model        VARCHAR(200),
  provider            VARCHAR(100),
  route_mode          VARCHAR(20),
  intent              VARCHAR(40),
  cache_outcome       VARCHAR(10),
  status              INTEGER          NOT NULL,
  error_code          VARCHAR(60),
  streamed            BOOLEAN          NOT NULL,
  client_disconnected BOOLEAN          NOT NULL,
  prompt_tokens       INTEGER          NOT NULL,
  completion_tokens   INTEGER          NOT NULL,
  cached_tokens       INTEGER          NOT NULL,
  reasoning_tokens    INTEGER          NOT NULL,
  cost_usd            DOUBLE PRECISION NOT NULL,
  attempts            INTEGER          NOT NULL,
  auth_ms             DOUBLE PRECISION,
  policy_ms           DOUBLE PRECISION,
  cache_ms            DOUBLE PRECISION,
  route_ms            DOUBLE PRECISION,
  upstream_ms         DOUBLE PRECISION,
  write_ms            DOUBLE PRECISION,
  total_ms            DOUBLE PRECISION NOT NULL,
  client_address      VARCHAR(64),
  client_network      VARCHAR(64),
  prompt_body         VARCHAR(32000),
  completion_body     VARCHAR(32000),
  CONSTRAINT pk_request_log PRIMARY KEY (request_id)
);

CREATE INDEX ix_request_log_org_time ON request_log (org_id, occurred_at);
CREATE INDEX ix_request_log_key_time ON request_log (key_prefix, occurred_at);
