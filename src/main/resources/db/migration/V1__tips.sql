-- One row per tip. There is no plaintext column: the body is an HPKE
-- ciphertext to the office public key, bound to the row's id.
create table tip (
    id              uuid        primary key,      -- random (v4), never shown outside
    reference       text        not null unique,  -- what the tipster keeps, e.g. TIP-7KQ3-9XHD-M2PF-4RTA
    category        text        not null,         -- in clear: it routes the tip
    status          text        not null default 'new',
    received_at     timestamptz not null,         -- truncated to tipline.time-granularity
    key_id          bigint      not null,         -- Tink key id of the office key used
    format_version  smallint    not null,         -- version of the sealed plaintext and its contextInfo
    ciphertext      bytea       not null,
    constraint tip_status_known check (status in
        ('new', 'triaged', 'assigned', 'forwarded', 'actioned', 'closed', 'spam'))
);

create index tip_status_received on tip (status, received_at);
create index tip_category_received on tip (category, received_at);
