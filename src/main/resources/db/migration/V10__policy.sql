-- Policy: money budgets and the usage ledger. Portable SQL (Derby and PostgreSQL); times are UTC.

-- A budget is attached directly to one subject (subject_type KEY|USER|TEAM|ORG + subject_id), or
-- referenced by the budget_ref of keys, users, teams or orgs (then subject_type is null), or both.
CREATE TABLE budgets (
  id                 VARCHAR(40)    NOT NULL,
  org_id             VARCHAR(40)    NOT NULL,
  name               VARCHAR(200)   NOT NULL,
  amount_usd         DECIMAL(19, 6) NOT NULL,
  period             VARCHAR(10)    NOT NULL,
  time_zone          VARCHAR(64)    NOT NULL,
  soft_threshold_pct INTEGER,
  hard_cutoff        BOOLEAN        NOT NULL,
  subject_type       VARCHAR(10),
  subject_id         VARCHAR(40),
  created_at         TIMESTAMP      NOT NULL,
  updated_at         TIMESTAMP      NOT NULL,
  version            BIGINT         NOT NULL,
  CONSTRAINT pk_budgets PRIMARY KEY (id),
  CONSTRAINT fk_budgets_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT ck_budgets_period CHECK (period IN ('DAY', 'WEEK', 'MONTH', 'TOTAL')),
  CONSTRAINT ck_budgets_amount CHECK (amount_usd >= 0)
);

CREATE INDEX ix_budgets_org ON budgets (org_id);
CREATE INDEX ix_budgets_subject ON budgets (subject_type, subject_id);

-- One row per completed upstream attempt (and per cache hit), written in batches off the request
-- path. Index plan: reports read one org over a time range (org_id, occurred_at), the platform
-- view reads all orgs over a range (occurred_at); grouping by team, key, model, day or hour then
-- runs over those rows. Ids are "<request id>:<attempt>", so a duplicate completion is one row.
CREATE TABLE usage_ledger (
  id                VARCHAR(120)   NOT NULL,
  request_id        VARCHAR(100)   NOT NULL,
  attempt           INTEGER        NOT NULL,
  org_id            VARCHAR(40)    NOT NULL,
  team_id           VARCHAR(40),
  user_id           VARCHAR(40),
  key_id            VARCHAR(40),
  model_requested   VARCHAR(200),
  model_served      VARCHAR(200),
  provider          VARCHAR(100),
  prompt_tokens     BIGINT         NOT NULL,
  completion_tokens BIGINT         NOT NULL,
  cached_tokens     BIGINT         NOT NULL,
  cost_usd          DECIMAL(19, 9) NOT NULL,
  price_source      VARCHAR(10)    NOT NULL,
  status            INTEGER        NOT NULL,
  streamed          BOOLEAN        NOT NULL,
  disconnected      BOOLEAN        NOT NULL,
  cache_outcome     VARCHAR(10),
  latency_ms        BIGINT         NOT NULL,
  occurred_at       TIMESTAMP      NOT NULL,
  hour_utc          TIMESTAMP      NOT NULL,
  day_utc           DATE           NOT NULL,
  CONSTRAINT pk_usage_ledger PRIMARY KEY (id)
);

CREATE INDEX ix_usage_org_time ON usage_ledger (org_id, occurred_at);
CREATE INDEX ix_usage_time ON usage_ledger (occurred_at);
