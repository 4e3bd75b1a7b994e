-- What a cache hit saved: the upstream cost of the miss whose answer it replayed (null for rows
-- that are not hits). The hit itself is charged nothing (cost_usd 0, price_source 'cache').
ALTER TABLE usage_ledger ADD COLUMN cache_saved_usd DECIMAL(19, 9);
