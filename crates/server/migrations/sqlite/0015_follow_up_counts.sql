-- The regional follow-up's counts per institution, kept instead of counted
-- over every practitioner of a region on each request (issue 21: 2,000
-- institutions and 200,000 practitioners answer in under 200 ms).
--
-- A change to what the counts read (a practitioner, a practitioner's
-- account, an application) appends its institution to follow_up_stale, in
-- the change's own transaction, by trigger: no code path can forget it.
-- The follow-up takes the stale marks of its region (DELETE … RETURNING)
-- and counts those institutions again before it reads (store/follow_up.rs).
-- The marks have no unique key, so appending one never waits for another
-- transaction. The same migration exists for PostgreSQL.
CREATE TABLE follow_up_counts (
    institution_id        INTEGER PRIMARY KEY,
    physicians            INTEGER NOT NULL,
    nurses                INTEGER NOT NULL,
    physicians_applied    INTEGER NOT NULL,
    nurses_applied        INTEGER NOT NULL,
    not_activated         INTEGER NOT NULL,
    lacking_photo         INTEGER NOT NULL,
    status_not_normal     INTEGER NOT NULL,
    registration_changes  INTEGER NOT NULL
) STRICT;

CREATE TABLE follow_up_stale (
    id              INTEGER PRIMARY KEY,
    institution_id  INTEGER NOT NULL
) STRICT;
CREATE INDEX follow_up_stale_institution ON follow_up_stale (institution_id);

-- Every institution is counted at the first follow-up.
INSERT INTO follow_up_stale (institution_id) SELECT id FROM institutions;

CREATE TRIGGER follow_up_institution AFTER INSERT ON institutions BEGIN
    INSERT INTO follow_up_stale (institution_id) VALUES (NEW.id);
END;

CREATE TRIGGER follow_up_practitioner_insert AFTER INSERT ON practitioners BEGIN
    INSERT INTO follow_up_stale (institution_id) VALUES (NEW.institution_id);
END;
CREATE TRIGGER follow_up_practitioner_update
AFTER UPDATE OF kind, status, registered_institution_name, institution_id ON practitioners BEGIN
    INSERT INTO follow_up_stale (institution_id) VALUES (OLD.institution_id);
    INSERT INTO follow_up_stale (institution_id)
        SELECT NEW.institution_id WHERE NEW.institution_id <> OLD.institution_id;
END;
CREATE TRIGGER follow_up_practitioner_delete AFTER DELETE ON practitioners BEGIN
    INSERT INTO follow_up_stale (institution_id) VALUES (OLD.institution_id);
END;

CREATE TRIGGER follow_up_account_insert AFTER INSERT ON accounts
WHEN NEW.practitioner_id IS NOT NULL BEGIN
    INSERT INTO follow_up_stale (institution_id)
        SELECT institution_id FROM practitioners WHERE id = NEW.practitioner_id;
END;
CREATE TRIGGER follow_up_account_update
AFTER UPDATE OF activated, photo_state, practitioner_id ON accounts
WHEN NEW.practitioner_id IS NOT NULL OR OLD.practitioner_id IS NOT NULL BEGIN
    INSERT INTO follow_up_stale (institution_id)
        SELECT institution_id FROM practitioners
        WHERE id = OLD.practitioner_id OR id = NEW.practitioner_id;
END;
CREATE TRIGGER follow_up_account_delete AFTER DELETE ON accounts
WHEN OLD.practitioner_id IS NOT NULL BEGIN
    INSERT INTO follow_up_stale (institution_id)
        SELECT institution_id FROM practitioners WHERE id = OLD.practitioner_id;
END;

CREATE TRIGGER follow_up_application_insert AFTER INSERT ON applications BEGIN
    INSERT INTO follow_up_stale (institution_id)
        SELECT institution_id FROM practitioners WHERE id = NEW.practitioner_id;
END;
CREATE TRIGGER follow_up_application_delete AFTER DELETE ON applications BEGIN
    INSERT INTO follow_up_stale (institution_id)
        SELECT institution_id FROM practitioners WHERE id = OLD.practitioner_id;
END;
