-- The follow-up columns move from tip to their own table, one row per tip, written in the
-- same statement as the tip. With them (about 1.3 KB, mostly the office-sealed dialogue key)
-- most tip rows passed PostgreSQL's 2 KB TOAST threshold, and reading a page of tips paid an
-- out-of-line lookup for each ciphertext. Tips from before follow-up have no row here.
create table tip_dialogue (
    tip_id              uuid    primary key references tip (id) on delete cascade,
    -- Argon2id parameters and salt, as '$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>'.
    tipster_kdf         text    not null,
    -- HKDF of the Argon2id output (a verifier, not the wrapping key). Null once the tipster
    -- erased their access.
    tipster_verifier    bytea,
    -- The dialogue key, AES-256-GCM under a key derived from the passphrase. Null once erased.
    tipster_key         bytea,
    -- The dialogue key, HPKE-sealed to the office public key, and that key's id.
    office_dialogue_key bytea   not null,
    dialogue_key_id     bigint  not null
);

insert into tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id)
    select id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id
    from tip where office_dialogue_key is not null;

alter table tip drop column tipster_kdf, drop column tipster_verifier, drop column tipster_key,
    drop column office_dialogue_key, drop column dialogue_key_id;
