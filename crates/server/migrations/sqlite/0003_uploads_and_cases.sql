-- When the current ID photo was uploaded (review queue order), and the note
-- and previous status of a deregistration case.

ALTER TABLE accounts ADD COLUMN photo_uploaded_at INTEGER;
ALTER TABLE deregistrations ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE deregistrations ADD COLUMN previous_status TEXT;
CREATE INDEX deregistrations_practitioner ON deregistrations(practitioner_id);
