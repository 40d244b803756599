-- The throttles against guessing live here, not in each process's memory, so that k intake
-- (or review) processes on one database share one budget, and a restart does not refill it.
--
-- UNLOGGED, on purpose. Every passphrase sign-in updates the one budget row, and the row's
-- lock is held until the statement's transaction commits. A commit that wrote WAL waits for
-- the WAL flush (an fsync) with synchronous_commit on, which would serialise all sign-ins
-- behind one fsync each. A transaction that wrote only to unlogged (or temporary) tables
-- commits without that wait: PostgreSQL's RecordTransactionCommit (src/backend/access/
-- transam/xact.c) flushes only when the transaction wrote WAL of its own ("The transaction
-- can end up not writing any WAL, even if it has an xid, if it only wrote to temporary and/or
-- unlogged tables ... In case of a crash, the loss of such a transaction will be
-- irrelevant"); it still writes a commit record, but leaves it to the WAL writer. Measured on
-- PostgreSQL 15 with synchronous_commit on, 4 clients updating one row for 5 s: unlogged
-- 64,410 commits with 26 WAL syncs (13,000 commits/s); the same table logged 17,373 commits
-- with 17,374 WAL syncs (3,500 commits/s). Each throttle statement runs alone in autocommit
-- and touches only these tables, so it never waits for a flush.
--
-- What UNLOGGED costs: after a crash of PostgreSQL (not a clean restart of it, and not a
-- restart of tipline) these tables are empty, so the guessing budget is full once more and
-- every count starts afresh; the same on a standby promoted after a failover (unlogged tables
-- are not replicated). The 90-bit passphrases and the office's password and TOTP code are what
-- stand against guessing; the throttles bound its rate, and one refill per crash does not
-- change that bound materially. docs/threat-model.md says so.
--
-- Privacy: no history. Rows are updated in place, a success deletes its row, and rows older
-- than a day are deleted by the statements that write these tables (each failure deletes at
-- most two expired rows of other keys, so they go at least as fast as new ones come). No
-- reference or username is stored, only its SHA-256, and no time finer than the throttle
-- needs. A made-up reference is tracked exactly like a real one.

-- ---- intake: the tipster follow-up's guessing budget ------------------------------------

-- One row: a token bucket of failed passphrase sign-ins across all tips. refilled_at is the
-- database clock's time of the last sign-in attempt on any tip; the bucket refills from it
-- at a rate of a few per second, so it needs sub-second resolution and names no tip.
-- The application inserts the row when it is missing (first start, or after a crash).
create unlogged table guessing_budget (
    id smallint primary key check (id = 1),
    tokens double precision not null,
    refilled_at timestamptz not null
);

-- Failed sign-ins per tip reference as it was typed (known or not), to the hour: the count
-- decides how long the next failure's answer is held, and a day after the last failure the
-- count is forgotten.
create unlogged table guessing_failure (
    reference_hash bytea primary key check (octet_length(reference_hash) = 32),
    failures integer not null check (failures > 0),
    last_failed_at timestamptz not null check (last_failed_at = date_trunc('hour', last_failed_at))
);
create index guessing_failure_last_failed on guessing_failure (last_failed_at);

grant select, insert, update on guessing_budget to tipline_intake;
grant select, insert, update, delete on guessing_failure to tipline_intake;

-- ---- review: the office login throttle --------------------------------------------------

-- One row: failed office logins in the current minute, across all accounts.
create unlogged table login_window (
    id smallint primary key check (id = 1),
    started_at timestamptz not null,
    failures integer not null check (failures >= 0)
);

-- Failed logins per username as it was typed (an account or not), and the second before
-- which the next attempt is refused; forgiven a day after that.
create unlogged table login_failure (
    username_hash bytea primary key check (octet_length(username_hash) = 32),
    failures integer not null check (failures > 0),
    not_before timestamptz not null check (not_before = date_trunc('second', not_before))
);
create index login_failure_not_before on login_failure (not_before);

grant select, insert, update on login_window to tipline_review;
grant select, insert, update, delete on login_failure to tipline_review;
