-- Security (issue 8).
-- Key purposes: a key opens the data plane, the admin API, or both. Keys that exist already
-- opened both, and keep doing so (no operator is locked out by the upgrade); keys created
-- through the admin API from now on are data-plane only unless they ask for more.
ALTER TABLE api_keys ADD COLUMN data_plane BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE api_keys ADD COLUMN admin_api BOOLEAN DEFAULT TRUE NOT NULL;

-- Organisation ceilings, set by platform admins only: what the org's own admins may allow at
-- most. An empty list and NULL limits mean "no ceiling".
ALTER TABLE organizations ADD COLUMN ceiling_models VARCHAR(8000) DEFAULT '[]' NOT NULL;
ALTER TABLE organizations ADD COLUMN ceiling_providers VARCHAR(4000) DEFAULT '[]' NOT NULL;
ALTER TABLE organizations ADD COLUMN ceiling_rpm INTEGER;
ALTER TABLE organizations ADD COLUMN ceiling_tpm INTEGER;
ALTER TABLE organizations ADD COLUMN ceiling_concurrency INTEGER;
