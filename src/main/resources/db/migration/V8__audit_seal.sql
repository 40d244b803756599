-- The audit log's seal: the newest entry the review process wrote, with a MAC over its seq
-- and chain hash under a key derived from the office private keyset, which only the review
-- process holds. Whoever rewrites the log and recomputes the chain (after switching the
-- append-only triggers off, which takes the schema owner or a superuser) cannot make a seal
-- that verifies; /audit/verify reports the break. One row, replaced at every append.
create table audit_seal (
    id      smallint    primary key default 1 constraint audit_seal_single check (id = 1),
    seq     bigint      not null,
    hash    bytea       not null,
    mac     bytea       not null
);

grant select, insert, update on audit_seal to tipline_review;
