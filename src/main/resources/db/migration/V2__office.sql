-- The office side: routing columns on tips, reviewer accounts, sessions, notes.

-- A tip belongs to one Crime Stoppers program and may be routed to a unit and a reviewer.
alter table tip add column program text not null default 'default';
alter table tip add column assigned_unit text;
alter table tip add column assignee text;            -- a reviewer's username
alter table tip add column disposition text
    constraint tip_disposition_known check (disposition in ('arrest', 'recovered-property', 'cleared', 'unfounded'));
create index tip_program_received on tip (program, received_at);
create index tip_assignee on tip (assignee) where assignee is not null;

-- Reviewer accounts. Passwords are Argon2id hashes (PHC strings). The TOTP secret is
-- sealed to the office public key, so a copy of the database cannot mint codes.
create table reviewer (
    id              uuid        primary key,
    username        text        not null unique,
    password_hash   text        not null,
    roles           text[]      not null,
    programs        text[]      not null,
    unit            text,
    totp_sealed     bytea       not null,
    totp_key_id     bigint      not null,
    totp_last_step  bigint      not null default 0,    -- refuses a replayed code
    disabled        boolean     not null default false,
    created_on      date        not null,
    constraint reviewer_roles_known check (roles <@ array['reviewer', 'coordinator', 'auditor', 'admin']::text[])
);

-- Bearer sessions: only a SHA-256 of the token is stored.
create table review_session (
    token_hash          bytea       primary key,
    reviewer_id         uuid        not null references reviewer (id) on delete cascade,
    expires_at          timestamptz not null,
    absolute_expires_at timestamptz not null
);
create index review_session_reviewer on review_session (reviewer_id);

-- Investigator notes, sealed to the office public key like tips.
create table tip_note (
    id              uuid        primary key,
    tip_id          uuid        not null references tip (id) on delete cascade,
    author          text        not null,
    created_at      timestamptz not null,
    key_id          bigint      not null,
    format_version  smallint    not null,
    ciphertext      bytea       not null
);
create index tip_note_tip on tip_note (tip_id, created_at);
