-- Partner channels: the front ends that post tips (a program's website, a Facebook tab, a
-- phone app). A channel names a front end, never a tipster. Its API key is stored only as a
-- SHA-256: the key is 256 random bits, so a plain hash is enough (nothing to guess), and the
-- intake process looks a key up by its hash without any per-request secret work.
create table channel (
    id              uuid        primary key,
    name            text        not null unique
        constraint channel_name_form check (name ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    program         text        not null,
    key_hash        bytea       not null unique
        constraint channel_key_hash_length check (octet_length(key_hash) = 32),
    -- Exact origins allowed to call from a browser (CORS), such as https://county.example.org;
    -- tipline writes them normalised as browsers send them (lower case, no default port).
    origins         text[]      not null default '{}',
    tips_per_hour   integer
        constraint channel_quota_positive check (tips_per_hour is null or tips_per_hour > 0),
    proof_of_work   boolean     not null default true,
    -- Office actions, not tipster traffic; still truncated to the hour like received times.
    -- The audit log holds the exact time of each change.
    created_at      timestamptz not null,
    revoked_at      timestamptz
);

-- The front end a tip came through, in clear for the office's statistics. Older rows have none.
alter table tip add column channel text;

-- intake: reads what resolving a key and answering CORS need, never the creation details;
-- writes the channel's name with a new tip. Nothing else on channel.
grant select (name, program, key_hash, origins, tips_per_hour, proof_of_work, revoked_at) on channel to tipline_intake;
grant insert (channel) on tip to tipline_intake;

-- review: the admin API and the command line manage channels; channels are revoked, never deleted.
grant select, insert, update on channel to tipline_review;
