-- The tipster comes back: a per-tip dialogue key, the passphrase that opens it, the
-- message thread, tipster sessions and rewards. Nothing here is readable with the
-- database alone: messages and reward instructions are sealed under the dialogue key,
-- which is stored only wrapped (to the office public key, and under a key derived from
-- the tipster's passphrase).

-- Argon2id parameters and salt, as '$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>'.
alter table tip add column tipster_kdf text;
-- HKDF of the Argon2id output (a verifier, not the wrapping key). Null once the tipster
-- erased their access.
alter table tip add column tipster_verifier bytea;
-- The dialogue key, AES-256-GCM under a key derived from the passphrase. Null once erased.
alter table tip add column tipster_key bytea;
-- The dialogue key, HPKE-sealed to the office public key.
alter table tip add column office_dialogue_key bytea;
alter table tip add column dialogue_key_id bigint;
-- A coordinator may close the dialogue: no more messages either way.
alter table tip add column dialogue_state text not null default 'open'
    constraint tip_dialogue_state_known check (dialogue_state in ('open', 'closed'));

-- Messages in both directions, AES-256-GCM under the tip's dialogue key, bound to the tip,
-- their number and their sender. sent_at is coarse, like a tip's received_at.
create table tip_message (
    id              uuid        primary key,
    tip_id          uuid        not null references tip (id) on delete cascade,
    message_no      integer     not null constraint tip_message_no_positive check (message_no > 0),
    sender          text        not null constraint tip_message_sender_known check (sender in ('tipster', 'office')),
    author          text,       -- the reviewer who wrote an office message; null for the tipster
    sent_at         timestamptz not null,
    format_version  smallint    not null,
    ciphertext      bytea       not null,
    constraint tip_message_number unique (tip_id, message_no)
);

-- Short-lived tipster sessions. Only a SHA-256 of the token is stored; the dialogue key is
-- kept sealed under a key derived from the token, so a stored row opens nothing.
create table followup_session (
    token_hash      bytea       primary key,
    tip_id          uuid        not null references tip (id) on delete cascade,
    sealed_key      bytea       not null,
    expires_at      timestamptz not null
);
create index followup_session_tip on followup_session (tip_id);
create index followup_session_expiry on followup_session (expires_at);

-- A reward the board approved. What the tipster sees (payment instructions and the
-- payout code) is sealed under the dialogue key; the payout code is checked against a
-- SHA-256 of itself.
create table tip_reward (
    tip_id              uuid          primary key references tip (id) on delete cascade,
    status              text          not null constraint tip_reward_status_known check (status in ('approved', 'paid')),
    amount              numeric(12,2) not null constraint tip_reward_amount_positive check (amount > 0),
    currency            text          not null constraint tip_reward_currency_form check (currency ~ '^[A-Z]{3}$'),
    approval_reference  text          not null,
    format_version      smallint      not null,
    tipster_view        bytea         not null,
    payout_code_hash    bytea         not null,
    approved_by         text          not null,
    approved_on         date          not null,
    paid_by             text,
    paid_on             date
);
