-- Per-organisation compliance settings (audit/settings). No row = the defaults.
CREATE TABLE compliance_settings (
  org_id                     VARCHAR(40)   NOT NULL,
  pii_mode                   VARCHAR(20)   NOT NULL,
  restore_answers            BOOLEAN       NOT NULL,
  detectors                  VARCHAR(1000) NOT NULL,
  custom_patterns            VARCHAR(8000) NOT NULL,
  log_bodies                 BOOLEAN       NOT NULL,
  request_log_retention_days INTEGER,
  updated_at                 TIMESTAMP     NOT NULL,
  version                    BIGINT        NOT NULL,
  CONSTRAINT pk_compliance_settings PRIMARY KEY (org_id)
);
