-- Stored responses of the OpenAI Responses API (api/responses): GET /v1/responses/{id},
-- input_items and previous_response_id. ${large_text} is CLOB on Derby, TEXT on PostgreSQL.
CREATE TABLE stored_responses (
  id                   VARCHAR(64)  NOT NULL,
  org_id               VARCHAR(40)  NOT NULL,
  created_at           TIMESTAMP    NOT NULL,
  model                VARCHAR(200),
  previous_response_id VARCHAR(64),
  input_items          ${large_text} NOT NULL,
  response             ${large_text} NOT NULL,
  CONSTRAINT pk_stored_responses PRIMARY KEY (id)
);

CREATE INDEX ix_stored_responses_org_time ON stored_responses (org_id, created_at);
