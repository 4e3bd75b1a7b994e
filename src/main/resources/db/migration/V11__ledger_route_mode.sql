-- How each ledger attempt's model was chosen (passthrough, fallback, smart, auto, dedicated,
-- cache): a budget-aware or failure fallback shows in the ledger, not only in a response header.
ALTER TABLE usage_ledger ADD COLUMN route_mode VARCHAR(12);
