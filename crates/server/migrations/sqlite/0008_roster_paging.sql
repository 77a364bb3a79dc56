-- Issue 23: the roster and the dashboard's lists are pages sorted by name
-- (LIMIT stops early instead of sorting the whole institution), and the
-- review queue counts and reads the pending photos without a scan.
CREATE INDEX practitioners_institution_name ON practitioners (institution_id, name, id);
CREATE INDEX accounts_photo_state ON accounts (photo_state, photo_uploaded_at);
