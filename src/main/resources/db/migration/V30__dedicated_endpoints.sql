-- Dedicated endpoints: private model deployments, their event history and GPU-time metering.
-- Portable SQL (Derby and PostgreSQL). Times are UTC. No foreign keys to the tenancy tables: an
-- endpoint's history and GPU time outlive the org, team or user that owned it.

CREATE TABLE dedicated_endpoints (
  id                VARCHAR(40)    NOT NULL,
  org_id            VARCHAR(40)    NOT NULL,
  team_id           VARCHAR(40),
  owner_user_id     VARCHAR(40)    NOT NULL,
  notify_email      VARCHAR(320),
  name              VARCHAR(200),
  model             VARCHAR(200)   NOT NULL,
  context_length    INTEGER        NOT NULL,
  dtype             VARCHAR(20)    NOT NULL,
  max_concurrency   INTEGER        NOT NULL,
  engine_args       VARCHAR(8000)  NOT NULL,
  access_token      VARCHAR(4000),
  hardware_id       VARCHAR(100)   NOT NULL,
  gpu_kind          VARCHAR(100)   NOT NULL,
  gpu_count         INTEGER        NOT NULL,
  gpu_price_per_hour DECIMAL(12,4) NOT NULL,
  required_gb       DECIMAL(10,2)  NOT NULL,
  sizing_basis      VARCHAR(20)    NOT NULL,
  min_replicas      INTEGER        NOT NULL,
  max_replicas      INTEGER        NOT NULL,
  idle_seconds      INTEGER        NOT NULL,
  platform          VARCHAR(20)    NOT NULL,
  node_id           VARCHAR(200),
  status            VARCHAR(20)    NOT NULL,
  status_message    VARCHAR(2000),
  base_url          VARCHAR(500),
  status_changed_at TIMESTAMP      NOT NULL,
  last_request_at   TIMESTAMP,
  lease_owner       VARCHAR(200),
  lease_until       TIMESTAMP,
  created_at        TIMESTAMP      NOT NULL,
  updated_at        TIMESTAMP      NOT NULL,
  version           BIGINT         NOT NULL,
  CONSTRAINT pk_dedicated_endpoints PRIMARY KEY (id)
);

CREATE INDEX ix_dedicated_endpoints_org ON dedicated_endpoints (org_id, team_id);
CREATE INDEX ix_dedicated_endpoints_status ON dedicated_endpoints (status);

-- What happened to an endpoint: state changes with their reason, and notable platform messages.
CREATE TABLE dedicated_endpoint_events (
  id                VARCHAR(40)    NOT NULL,
  endpoint_id       VARCHAR(40)    NOT NULL,
  org_id            VARCHAR(40)    NOT NULL,
  occurred_at       TIMESTAMP      NOT NULL,
  kind              VARCHAR(20)    NOT NULL,
  from_status       VARCHAR(20),
  to_status         VARCHAR(20),
  message           VARCHAR(2000)  NOT NULL,
  CONSTRAINT pk_dedicated_endpoint_events PRIMARY KEY (id)
);

CREATE INDEX ix_dedicated_events_endpoint ON dedicated_endpoint_events (endpoint_id, occurred_at);

-- GPU time: one row per span an endpoint held its hardware (status up or waking_up); ended_at is
-- null while the span is open. Cost of a span = gpu_price_per_hour * gpu_count * replicas * hours.
CREATE TABLE dedicated_gpu_usage (
  id                VARCHAR(40)    NOT NULL,
  endpoint_id       VARCHAR(40)    NOT NULL,
  org_id            VARCHAR(40)    NOT NULL,
  team_id           VARCHAR(40),
  hardware_id       VARCHAR(100)   NOT NULL,
  gpu_kind          VARCHAR(100)   NOT NULL,
  gpu_count         INTEGER        NOT NULL,
  replicas          INTEGER        NOT NULL,
  gpu_price_per_hour DECIMAL(12,4) NOT NULL,
  started_at        TIMESTAMP      NOT NULL,
  ended_at          TIMESTAMP,
  CONSTRAINT pk_dedicated_gpu_usage PRIMARY KEY (id)
);

CREATE INDEX ix_dedicated_gpu_usage_org ON dedicated_gpu_usage (org_id, started_at);
CREATE INDEX ix_dedicated_gpu_usage_endpoint ON dedicated_gpu_usage (endpoint_id, ended_at);
