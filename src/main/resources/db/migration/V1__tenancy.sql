-- Tenancy: organisations, teams, users and virtual API keys.
-- Portable SQL (Derby and PostgreSQL). Lists and maps are JSON text; an empty list means
-- "no restriction at this level". Times are UTC.

CREATE TABLE organizations (
  id                VARCHAR(40)   NOT NULL,
  name              VARCHAR(200)  NOT NULL,
  allowed_models    VARCHAR(8000) NOT NULL,
  allowed_providers VARCHAR(4000) NOT NULL,
  auto_routing      BOOLEAN       NOT NULL,
  smart_routing     BOOLEAN       NOT NULL,
  metadata          VARCHAR(8000) NOT NULL,
  rpm_limit         INTEGER,
  tpm_limit         INTEGER,
  concurrency_limit INTEGER,
  budget_ref        VARCHAR(100),
  created_at        TIMESTAMP     NOT NULL,
  updated_at        TIMESTAMP     NOT NULL,
  version           BIGINT        NOT NULL,
  CONSTRAINT pk_organizations PRIMARY KEY (id),
  CONSTRAINT uq_organizations_name UNIQUE (name)
);

CREATE TABLE teams (
  id                VARCHAR(40)   NOT NULL,
  org_id            VARCHAR(40)   NOT NULL,
  name              VARCHAR(200)  NOT NULL,
  allowed_models    VARCHAR(8000) NOT NULL,
  allowed_providers VARCHAR(4000) NOT NULL,
  metadata          VARCHAR(8000) NOT NULL,
  rpm_limit         INTEGER,
  tpm_limit         INTEGER,
  concurrency_limit INTEGER,
  budget_ref        VARCHAR(100),
  created_at        TIMESTAMP     NOT NULL,
  updated_at        TIMESTAMP     NOT NULL,
  version           BIGINT        NOT NULL,
  CONSTRAINT pk_teams PRIMARY KEY (id),
  CONSTRAINT fk_teams_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT uq_teams_org_name UNIQUE (org_id, name)
);

CREATE TABLE app_users (
  id                VARCHAR(40)   NOT NULL,
  org_id            VARCHAR(40)   NOT NULL,
  team_id           VARCHAR(40),
  email             VARCHAR(320)  NOT NULL,
  display_name      VARCHAR(200),
  role              VARCHAR(20)   NOT NULL,
  rpm_limit         INTEGER,
  tpm_limit         INTEGER,
  concurrency_limit INTEGER,
  budget_ref        VARCHAR(100),
  created_at        TIMESTAMP     NOT NULL,
  updated_at        TIMESTAMP     NOT NULL,
  version           BIGINT        NOT NULL,
  CONSTRAINT pk_app_users PRIMARY KEY (id),
  CONSTRAINT fk_app_users_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT fk_app_users_team FOREIGN KEY (team_id) REFERENCES teams (id),
  CONSTRAINT uq_app_users_email UNIQUE (email)
);

CREATE INDEX ix_app_users_org_team ON app_users (org_id, team_id);

CREATE TABLE api_keys (
  id                VARCHAR(40)   NOT NULL,
  prefix            VARCHAR(8)    NOT NULL,
  key_hash          VARCHAR(64)   NOT NULL,
  name              VARCHAR(200)  NOT NULL,
  org_id            VARCHAR(40)   NOT NULL,
  team_id           VARCHAR(40),
  user_id           VARCHAR(40)   NOT NULL,
  allowed_models    VARCHAR(8000) NOT NULL,
  allowed_providers VARCHAR(4000) NOT NULL,
  metadata          VARCHAR(8000) NOT NULL,
  tags              VARCHAR(4000) NOT NULL,
  rpm_limit         INTEGER,
  tpm_limit         INTEGER,
  concurrency_limit INTEGER,
  budget_ref        VARCHAR(100),
  expires_at        TIMESTAMP,
  revoked_at        TIMESTAMP,
  replaced_by       VARCHAR(40),
  created_at        TIMESTAMP     NOT NULL,
  updated_at        TIMESTAMP     NOT NULL,
  version           BIGINT        NOT NULL,
  CONSTRAINT pk_api_keys PRIMARY KEY (id),
  CONSTRAINT uq_api_keys_prefix UNIQUE (prefix),
  CONSTRAINT fk_api_keys_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT fk_api_keys_team FOREIGN KEY (team_id) REFERENCES teams (id),
  CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES app_users (id)
);

CREATE INDEX ix_api_keys_org_team ON api_keys (org_id, team_id);
CREATE INDEX ix_api_keys_user ON api_keys (user_id);
