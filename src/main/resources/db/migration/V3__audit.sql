-- The audit log: every decryption of a tip and every change to a tip by the office.
-- It describes reviewers, never tipsters: no tip plaintext and nothing identifying a
-- tipster goes in here.
--
-- The rows form a hash chain (org.tipline.audit.AuditChain documents the encoding):
--   hash = SHA-256(prev_hash || encoding(seq, at, actor, action, tip_reference, purpose, detail))
-- with 32 zero bytes as the prev_hash of seq 1. seq is assigned by tipline itself, under
-- pg_advisory_xact_lock, as head + 1: it is not a sequence, because a sequence skips
-- numbers on rollback and a gap must mean tampering.
create table audit_entry (
    seq             bigint      primary key,
    at              timestamptz not null,      -- exact time: it describes a reviewer, not a tipster
    actor           text        not null,      -- the reviewer's username
    action          text        not null,      -- tip.read, tip.update, note.add, session.login, reward.set, ...
    tip_reference   text,                      -- TIP-XXXX-XXXX-XXXX-XXXX, when the action concerns a tip
    purpose         text,                      -- the reason the reviewer gave, free text
    detail          text,                      -- canonical JSON object of strings, hashed as stored
    prev_hash       bytea       not null,
    hash            bytea       not null,
    constraint audit_entry_seq_positive check (seq >= 1),
    constraint audit_entry_actor_length check (char_length(actor) between 1 and 200),
    constraint audit_entry_action_form check (action ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'
                                              and char_length(action) <= 64),
    constraint audit_entry_reference_length check (char_length(tip_reference) <= 64),
    constraint audit_entry_purpose_length check (char_length(purpose) <= 500),
    constraint audit_entry_detail_object check (jsonb_typeof(detail::jsonb) = 'object'),
    constraint audit_entry_prev_hash_sha256 check (octet_length(prev_hash) = 32),
    constraint audit_entry_hash_sha256 check (octet_length(hash) = 32)
);

create index audit_entry_at on audit_entry (at, seq);
create index audit_entry_tip on audit_entry (tip_reference, seq) where tip_reference is not null;

-- Defence in depth: tipline itself never updates, deletes or truncates audit rows, so the
-- table refuses it. A database owner can still drop these triggers; what catches that is
-- the hash chain and an anchored head, not this.
create function audit_entry_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
