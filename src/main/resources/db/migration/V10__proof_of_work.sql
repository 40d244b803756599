-- Proof-of-work (ALTCHA) state that every intake process must share: the HMAC keys that sign
-- challenges, the challenges already spent, and the counters of accepted tips from which the
-- difficulty and the channel quotas follow. docs/proof-of-work.md describes the protocol.

-- The keys that sign challenges, one per generation: a generation is a period of
-- tipline.proof-of-work.key-rotation (a day by default) counted from the epoch, and the
-- challenges carry their generation in the signed salt. The first intake process that needs a
-- generation's key inserts a random one (insert ... on conflict do nothing, then select), so
-- that all processes sign and check with the same key. Challenges of the current and the
-- previous generation are checked; older generations are deleted by the periodic cleanup.
-- Logged: a crash must not change the key under challenges already handed out.
create table proof_key (
    generation  bigint      primary key,
    hmac_key    text        not null constraint proof_key_length check (length(hmac_key) = 64),
    created_at  timestamptz not null default now()
);

-- Challenges whose solution has been accepted once, by the SHA-256 challenge (32 bytes), with
-- the challenge's own expiry. A second use finds the row (insert ... on conflict do nothing
-- inserts 0 rows) and is refused as replayed. The cleanup deletes rows some minutes after
-- their expiry, when the challenge is refused as expired anyway.
--
-- UNLOGGED: a transaction that writes only unlogged tables writes no WAL, and PostgreSQL's
-- RecordTransactionCommit (src/backend/access/transam/xact.c) then commits it without waiting
-- for a WAL flush, even with synchronous_commit=on ("The transaction can end up not writing
-- any WAL, even if it has an xid, if it only wrote to temporary and/or unlogged tables ... In
-- case of a crash, the loss of such a transaction will be irrelevant"). bench/pow.sh measures
-- the difference. The price: a crash of PostgreSQL empties this table, so a solution already
-- spent on a challenge that has not yet expired (10 minutes at most by default) can be used
-- once more after a crash. A clean shutdown keeps the table.
create unlogged table proof_spent (
    challenge   bytea       primary key constraint proof_spent_length check (length(challenge) = 32),
    expires_at  timestamptz not null
);

-- Accepted-tip counters: 'tips' for all tips (its rate sets the difficulty) and 'channel:<name>'
-- per channel (quotas). Each intake process adds what it accepted since its last flush, about
-- once a second, in one statement that also reads the counters back. Only two windows per
-- counter are kept, the current one and the one before, and they are overwritten as time moves
-- on: the table never holds a history of when tips arrived (tips' own received_at is truncated
-- to the hour on purpose). UNLOGGED for the same reason as proof_spent: a crash resets the
-- counters to zero, which lowers the difficulty to its base and refills channel quotas until
-- new tips count again.
create unlogged table proof_load (
    counter         text        primary key constraint proof_load_counter check (length(counter) <= 80),
    window_seconds  integer     not null constraint proof_load_window check (window_seconds > 0),
    window_start    timestamptz not null,
    current_count   bigint      not null,
    previous_count  bigint      not null
);

-- Intake signs, checks and counts; review uses none of this (it takes no tips and no sign-ins
-- of tipsters), so it gets no grant.
grant select, insert, delete on proof_key to tipline_intake;
grant select, insert, delete on proof_spent to tipline_intake;
grant select, insert, update on proof_load to tipline_intake;
