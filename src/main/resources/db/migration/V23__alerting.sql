-- Anomaly alerts (alerting/): rules per org, fired alerts, and the per-(rule, subject)
-- cooldowns that make one incident send one alert across instances.
CREATE TABLE alert_rules (
  id               VARCHAR(40)      NOT NULL,
  org_id           VARCHAR(40)      NOT NULL,
  name             VARCHAR(200)     NOT NULL,
  kind             VARCHAR(20)      NOT NULL,
  multiplier       DOUBLE PRECISION,
  amount_usd       DOUBLE PRECISION,
  error_rate       DOUBLE PRECISION,
  min_requests     INTEGER,
  window_minutes   INTEGER          NOT NULL,
  baseline_hours   INTEGER          NOT NULL,
  cooldown_minutes INTEGER          NOT NULL,
  emails           VARCHAR(4000)    NOT NULL,
  webhook_url      VARCHAR(2000),
  webhook_secret   VARCHAR(200),
  enabled          BOOLEAN          NOT NULL,
  created_at       TIMESTAMP        NOT NULL,
  updated_at       TIMESTAMP        NOT NULL,
  version          BIGINT           NOT NULL,
  CONSTRAINT pk_alert_rules PRIMARY KEY (id)
);

CREATE INDEX ix_alert_rules_org ON alert_rules (org_id);

CREATE TABLE alerts (
  id              VARCHAR(40)   NOT NULL,
  org_id          VARCHAR(40)   NOT NULL,
  rule_id         VARCHAR(40),
  kind            VARCHAR(20)   NOT NULL,
  subject         VARCHAR(200)  NOT NULL,
  summary         VARCHAR(500)  NOT NULL,
  details         VARCHAR(4000) NOT NULL,
  fired_at        TIMESTAMP     NOT NULL,
  email_status    VARCHAR(200),
  webhook_status  VARCHAR(200),
  acknowledged_at TIMESTAMP,
  acknowledged_by VARCHAR(40),
  CONSTRAINT pk_alerts PRIMARY KEY (id)
);

CREATE INDEX ix_alerts_org_time ON alerts (org_id, fired_at);

CREATE TABLE alert_cooldowns (
  id            VARCHAR(250) NOT NULL,
  last_fired_at TIMESTAMP    NOT NULL,
  CONSTRAINT pk_alert_cooldowns PRIMARY KEY (id)
);
