-- Each serving role gets only the rights it needs, so that whoever holds the intake role's
-- database login cannot act as office staff, and neither serving role can change the schema
-- or switch off the audit log's append-only triggers (only a table's owner can).
--
-- This migration runs as the schema's owner (tipline_owner with the embedded database; the
-- operator's owner login with a server). The two group roles must exist beforehand: the
-- embedded database creates them; on a server the operator does (docs/database.md). A serving
-- login is one of them or a member of one; an all-in-one login is a member of both.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'tipline_intake')
            or not exists (select 1 from pg_roles where rolname = 'tipline_review') then
        raise exception 'create the roles tipline_intake and tipline_review before migrating (docs/database.md)';
    end if;
end
$$;

revoke all on all tables in schema public from public;
revoke create on schema public from public;

-- ---- intake: the tipster's side -------------------------------------------------------
-- A new tip and its follow-up credentials; the columns a tipster's mailbox shows; the
-- tipster's messages and sessions. Nothing of accounts, office sessions, notes or audit.
grant insert (id, reference, program, category, status, received_at, key_id, format_version, ciphertext)
    on tip to tipline_intake;
grant select (id, reference, status, dialogue_state) on tip to tipline_intake;
grant insert (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id)
    on tip_dialogue to tipline_intake;
grant select (tip_id, tipster_kdf, tipster_verifier, tipster_key) on tip_dialogue to tipline_intake;
grant insert (id, tip_id, message_no, sender, author, sent_at, format_version, ciphertext)
    on tip_message to tipline_intake;
grant select (tip_id, message_no, sender, sent_at, format_version, ciphertext) on tip_message to tipline_intake;
grant select, insert, delete on followup_session to tipline_intake;
grant select (tip_id, status, amount, currency, format_version, tipster_view) on tip_reward to tipline_intake;
grant select on flyway_schema_history to tipline_intake;

-- Two steps of the follow-up need more than these grants give, so they run as the owner in
-- functions that do exactly that step and nothing else.

-- Locks a tip's row while a tipster's message is appended (the office's writes to a tip take
-- the same lock), and gives the conversation's state. A row lock needs an UPDATE right,
-- which intake does not have on tips.
create function tipster_lock_dialogue(tip uuid) returns text
    language sql security definer set search_path = pg_catalog, public
    as $$ select t.dialogue_state from public.tip t where t.id = tipster_lock_dialogue.tip for update $$;

-- Ends a tipster's access for good: forgets the passphrase's verifier and wrapped key, and
-- the tip's sessions. Intake may only erase these two columns, never write them.
create function tipster_end_access(tip uuid) returns void
    language sql security definer set search_path = pg_catalog, public
    as $$
        update public.tip_dialogue set tipster_verifier = null, tipster_key = null
            where tip_id = tipster_end_access.tip;
        delete from public.followup_session where tip_id = tipster_end_access.tip;
    $$;

revoke all on function tipster_lock_dialogue(uuid) from public;
revoke all on function tipster_end_access(uuid) from public;
grant execute on function tipster_lock_dialogue(uuid) to tipline_intake;
grant execute on function tipster_end_access(uuid) to tipline_intake;

-- ---- review: the office API -------------------------------------------------------------
-- No TRUNCATE, TRIGGER or REFERENCES anywhere; the audit log is read and appended, never
-- changed; tips are never deleted by the office.
grant select, update on tip to tipline_review;
grant select, update on tip_dialogue to tipline_review;
grant select, insert on tip_message to tipline_review;
grant select, insert on tip_note to tipline_review;
grant select, insert, update on tip_reward to tipline_review;
grant select, delete on followup_session to tipline_review;
grant select, insert, update on reviewer to tipline_review;
grant select, insert, update, delete on review_session to tipline_review;
grant select, insert on audit_entry to tipline_review;
grant select on flyway_schema_history to tipline_review;
