-- A version per institution, raised by every change to what its
-- administrator's roster and review queue read (its practitioners, their
-- accounts, applications and title changes, the institution's own row), in
-- the change's own transaction, by trigger: no code path can forget it.
-- A server keeps the roster's totals and the review queue's pages with the
-- version they were counted at and reuses them only while the version read
-- from this table is the same (server/src/kept.rs), so an answer is never
-- older than the database whichever server gives it (issue 23: the totals
-- scanned 5,000 rows on every page). The same migration exists for
-- PostgreSQL, where the raise runs at commit.
CREATE TABLE institution_versions (
    institution_id  INTEGER PRIMARY KEY,
    version         INTEGER NOT NULL
) STRICT;

CREATE TRIGGER institution_version_institution AFTER UPDATE ON institutions BEGIN
    INSERT INTO institution_versions (institution_id, version) VALUES (NEW.id, 1)
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER institution_version_practitioner_insert AFTER INSERT ON practitioners BEGIN
    INSERT INTO institution_versions (institution_id, version) VALUES (NEW.institution_id, 1)
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_practitioner_update AFTER UPDATE ON practitioners BEGIN
    INSERT INTO institution_versions (institution_id, version) VALUES (OLD.institution_id, 1)
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
    INSERT INTO institution_versions (institution_id, version)
        SELECT NEW.institution_id, 1 WHERE NEW.institution_id <> OLD.institution_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_practitioner_delete AFTER DELETE ON practitioners BEGIN
    INSERT INTO institution_versions (institution_id, version) VALUES (OLD.institution_id, 1)
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;

-- Accounts, applications and title changes name their practitioner. (Some
-- transactions lock an account's row with a no-op update: that raises the
-- version too, which only costs one recount.)
CREATE TRIGGER institution_version_account_insert AFTER INSERT ON accounts
WHEN NEW.practitioner_id IS NOT NULL BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners WHERE id = NEW.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_account_update AFTER UPDATE ON accounts
WHEN NEW.practitioner_id IS NOT NULL OR OLD.practitioner_id IS NOT NULL BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners
        WHERE id = OLD.practitioner_id OR id = NEW.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_account_delete AFTER DELETE ON accounts
WHEN OLD.practitioner_id IS NOT NULL BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners WHERE id = OLD.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER institution_version_application_insert AFTER INSERT ON applications BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners WHERE id = NEW.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_application_update AFTER UPDATE ON applications BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners
        WHERE id = OLD.practitioner_id OR id = NEW.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_application_delete AFTER DELETE ON applications BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners WHERE id = OLD.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER institution_version_title_insert AFTER INSERT ON title_changes BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners WHERE id = NEW.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_title_update AFTER UPDATE ON title_changes BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners
        WHERE id = OLD.practitioner_id OR id = NEW.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER institution_version_title_delete AFTER DELETE ON title_changes BEGIN
    INSERT INTO institution_versions (institution_id, version)
        SELECT institution_id, 1 FROM practitioners WHERE id = OLD.practitioner_id
        ON CONFLICT (institution_id) DO UPDATE SET version = version + 1;
END;
