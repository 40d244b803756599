#!/bin/bash
# Runs once, when the PostgreSQL image initialises an empty data volume: the roles of
# docs/database.md ("With a PostgreSQL server"). The passwords come from the compose secrets;
# none is written to a log or to the command line (psql reads them from variables).
set -euo pipefail

read_secret() { local value; value="$(cat "/run/secrets/$1")"; [[ -n "$value" ]] || { echo "empty secret $1" >&2; exit 1; }; printf '%s' "$value"; }

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$(read_secret owner_db_password)" \
    -v intake_password="$(read_secret intake_db_password)" \
    -v review_password="$(read_secret review_db_password)" <<'SQL'
create role tipline_owner login password :'owner_password';
create database tipline owner tipline_owner;
revoke all on database tipline from public;

create role tipline_intake;
create role tipline_review;
grant connect on database tipline to tipline_intake, tipline_review;

create role intake_host login password :'intake_password' in role tipline_intake;
create role review_host login password :'review_password' in role tipline_review;
SQL
