-- Deregistration confirmed by the association (issue 21): an institution's
-- case now waits for the region's health authority (acting for the
-- physicians' association or the nursing society), which confirms it (the
-- registry status changes then) or returns it with a reason. The same
-- migration exists for PostgreSQL.

-- 'pending' (待主管部门确认), 'confirmed' or 'returned'. Cases from before
-- this migration changed the registry at once: they count as confirmed.
ALTER TABLE deregistrations ADD COLUMN state TEXT NOT NULL DEFAULT 'confirmed';
-- The authority account that decided, when, and why it returned the case.
ALTER TABLE deregistrations ADD COLUMN decided_by INTEGER REFERENCES authority_accounts(id);
ALTER TABLE deregistrations ADD COLUMN decided_at INTEGER;
ALTER TABLE deregistrations ADD COLUMN return_reason TEXT;

-- At most one case waiting per registration: two administrators filing at
-- once cannot both succeed.
CREATE UNIQUE INDEX deregistrations_one_pending ON deregistrations (practitioner_id)
    WHERE state = 'pending';
-- The authority's queue reads the pending cases only.
CREATE INDEX deregistrations_state ON deregistrations (state, id);
