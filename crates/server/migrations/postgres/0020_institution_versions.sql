-- A version per institution, raised by every change to what its
-- administrator's roster and review queue read (its practitioners, their
-- accounts, applications and title changes, the institution's own row), in
-- the change's own transaction, by trigger: no code path can forget it.
-- A server keeps the roster's totals and the review queue's pages with the
-- version they were counted at and reuses them only while the version read
-- from this table is the same (server/src/kept.rs), so an answer is never
-- older than the database whichever server gives it. The same migration
-- exists for SQLite.
--
-- The triggers are deferred to the commit: the institution's version row
-- is then locked only while the transaction commits, not for its whole
-- length (a registry import or a bulk review would otherwise hold every
-- writer of its institutions until it ends).
CREATE TABLE institution_versions (
    institution_id  BIGINT PRIMARY KEY,
    version         BIGINT NOT NULL
);

CREATE FUNCTION institution_version_raise(institution BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO institution_versions (institution_id, version) VALUES (institution, 1)
        ON CONFLICT (institution_id) DO UPDATE SET version = institution_versions.version + 1;
$$;

CREATE FUNCTION institution_version_of_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM institution_version_raise(NEW.id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER institution_version_institution AFTER UPDATE ON institutions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION institution_version_of_institution();

CREATE FUNCTION institution_version_of_practitioner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM institution_version_raise(OLD.institution_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.institution_id <> OLD.institution_id) THEN
        PERFORM institution_version_raise(NEW.institution_id);
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER institution_version_practitioner
    AFTER INSERT OR UPDATE OR DELETE ON practitioners
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION institution_version_of_practitioner();

-- Accounts, applications and title changes name their practitioner. (Some
-- transactions lock an account's row with a no-op update: that raises the
-- version too, which only costs one recount.)
CREATE FUNCTION institution_version_by_practitioner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.practitioner_id IS NOT NULL THEN
        PERFORM institution_version_raise(institution_id)
            FROM practitioners WHERE id = OLD.practitioner_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.practitioner_id IS NOT NULL
        AND (TG_OP = 'INSERT' OR NEW.practitioner_id IS DISTINCT FROM OLD.practitioner_id) THEN
        PERFORM institution_version_raise(institution_id)
            FROM practitioners WHERE id = NEW.practitioner_id;
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER institution_version_account
    AFTER INSERT OR UPDATE OR DELETE ON accounts
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION institution_version_by_practitioner();
CREATE CONSTRAINT TRIGGER institution_version_application
    AFTER INSERT OR UPDATE OR DELETE ON applications
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION institution_version_by_practitioner();
CREATE CONSTRAINT TRIGGER institution_version_title
    AFTER INSERT OR UPDATE OR DELETE ON title_changes
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION institution_version_by_practitioner();
