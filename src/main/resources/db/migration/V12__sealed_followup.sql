-- The sealed follow-up (docs/crypto.md, section 8): a tip whose front end made the tipster's
-- credentials signs in with an Ed25519 signature, not with the passphrase. Intake stores the
-- public key and checks signatures; it never derives from the passphrase for these tips and
-- never holds their dialogue key.

-- The tipster's Ed25519 sign-in public key (32 bytes), derived by the front end from the
-- passphrase. Null for a tip whose tipster signs in with the passphrase (tipster_verifier),
-- and once the tipster erased their access. A tip has one way of signing in, never both.
alter table tip_dialogue add column tipster_signin_key bytea
    constraint tip_dialogue_signin_key_size check (octet_length(tipster_signin_key) = 32);
alter table tip_dialogue add constraint tip_dialogue_one_signin
    check (tipster_signin_key is null or tipster_verifier is null);

grant insert (tipster_signin_key) on tip_dialogue to tipline_intake;
grant select (tipster_signin_key) on tip_dialogue to tipline_intake;

-- A sealed session holds no key: the tipster's browser opens the dialogue key itself.
alter table followup_session alter column sealed_key drop not null;

-- Erasing access forgets the sign-in key too.
create or replace function tipster_end_access(tip uuid) returns void
    language sql security definer set search_path = pg_catalog, public
    as $$
        update public.tip_dialogue set tipster_verifier = null, tipster_key = null, tipster_signin_key = null
            where tip_id = tipster_end_access.tip;
        delete from public.followup_session where tip_id = tipster_end_access.tip;
    $$;

-- The key of the decoy salts that the sealed sign-in's kdf lookup answers for an unknown
-- reference: 32 random bytes, written once by the first intake process (insert ... on
-- conflict do nothing, then read), the same for every process and every restart, so that
-- one reference always gets the same decoy.
create table followup_decoy_key (
    id  smallint primary key check (id = 1),
    key bytea    not null check (octet_length(key) = 32)
);
grant select, insert on followup_decoy_key to tipline_intake;
