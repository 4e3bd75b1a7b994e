-- Routing: per-organisation routing policy (default fallbacks, A/B splits, shadow traffic) and the
-- results of shadowed requests. Portable SQL (Derby and PostgreSQL); lists and objects are JSON text;
-- times are UTC. Allowed providers and the smart/auto switches stay on organizations.

CREATE TABLE routing_policies (
  org_id            VARCHAR(40)   NOT NULL,
  default_fallbacks VARCHAR(4000) NOT NULL,
  ab_splits         VARCHAR(8000) NOT NULL,
  shadow            VARCHAR(2000),
  created_at        TIMESTAMP     NOT NULL,
  updated_at        TIMESTAMP     NOT NULL,
  version           BIGINT        NOT NULL,
  CONSTRAINT pk_routing_policies PRIMARY KEY (org_id),
  CONSTRAINT fk_routing_policies_org FOREIGN KEY (org_id) REFERENCES organizations (id)
    ON DELETE CASCADE
);

CREATE TABLE shadow_results (
  id                        VARCHAR(40)      NOT NULL,
  org_id                    VARCHAR(40)      NOT NULL,
  request_id                VARCHAR(64)      NOT NULL,
  primary_model             VARCHAR(200)     NOT NULL,
  shadow_model              VARCHAR(200)     NOT NULL,
  primary_latency_ms        BIGINT           NOT NULL,
  shadow_latency_ms         BIGINT,
  primary_prompt_tokens     INTEGER,
  primary_completion_tokens INTEGER,
  shadow_prompt_tokens      INTEGER,
  shadow_completion_tokens  INTEGER,
  primary_cost_usd          DOUBLE PRECISION,
  shadow_cost_usd           DOUBLE PRECISION,
  similarity                DOUBLE PRECISION,
  status                    VARCHAR(300)     NOT NULL,
  created_at                TIMESTAMP        NOT NULL,
  CONSTRAINT pk_shadow_results PRIMARY KEY (id)
);

CREATE INDEX ix_shadow_results_org_created ON shadow_results (org_id, created_at);
