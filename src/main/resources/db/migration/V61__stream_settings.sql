-- Response persistence per organisation (issue 12): which answers are kept for
-- GET /v1/requests/{id} (always | on-disconnect | never) and for how many days. An organisation
-- without a row uses hyperion.streams.default-persistence and default-retention-days.
CREATE TABLE stream_settings (
  org_id         VARCHAR(40) NOT NULL,
  persistence    VARCHAR(20) NOT NULL,
  retention_days INTEGER     NOT NULL,
  updated_at     TIMESTAMP   NOT NULL,
  version        BIGINT      NOT NULL,
  CONSTRAINT pk_stream_settings PRIMARY KEY (org_id),
  CONSTRAINT fk_stream_settings_org FOREIGN KEY (org_id) REFERENCES organizations (id)
    ON DELETE CASCADE
);
