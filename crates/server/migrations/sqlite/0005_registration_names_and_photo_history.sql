-- The institution name as written on the practice registration, where the
-- registry holds one that differs from the institution's standard name
-- (rules::registration_change): such staff must apply for a registration
-- change. NULL: registered under the institution's own name.
ALTER TABLE practitioners ADD COLUMN registered_institution_name TEXT;

-- The approved photo a pending upload replaces, kept only until the
-- institution decides, so the reviewer can compare before and after.
ALTER TABLE accounts ADD COLUMN photo_previous_file TEXT;
