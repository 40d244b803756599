#!/usr/bin/env bash
# intake.sh: tipline intake benchmark.
#
# Measures how many tips per second tipline accepts (POST /api/v1/tips, 201 only
# after the row is committed) and compares it with the ceiling of the same
# PostgreSQL server: pgbench doing single-row INSERTs of a random bytea of the
# same size as a tip's ciphertext into a table shaped like the tip table, with
# the same number of clients.
#
# Steps, all in one run:
#   1. drop and recreate the benchmark database ($BENCH_DB) on the local
#      PostgreSQL server, with synchronous_commit=on for the database;
#   2. start tipline (the JAR, built beforehand) against it on a free loopback
#      port (and a free management port), wait until /q/health/ready answers UP
#      on either and one POST answers 201;
#   3. warm up with wrk for $WARMUP s, then measure with wrk for $DURATION s,
#      $CONNECTIONS connections, bench/tips.lua (realistic tips; any answer
#      other than 201 is an error);
#   4. read the average ciphertext size from the tip table, stop tipline;
#   5. create bench_tip (LIKE tip INCLUDING ALL) and run pgbench for $DURATION s
#      with $CONNECTIONS clients, each transaction one INSERT of a random bytea
#      of that average size;
#   6. print a table: tips/s, pgbench tps, their ratio, wrk p50/p99, errors.
# It also adds up the CPU used by other processes during each measured run and
# warns when other work disturbed the numbers.
# tipline is stopped, the benchmark database dropped and temporary files removed
# on every exit (trap), also after an error or Ctrl-C.
#
# Usage (from anywhere; the JAR is not built by this script):
#   ./mvnw -B package -DskipTests        # once, in the project folder
#   bash bench/intake.sh
#
# Environment (all optional):
#   JAR          tipline runner JAR (default: <project>/target/quarkus-app/quarkus-run.jar)
#   DURATION     seconds of each measured run, wrk and pgbench (default 30)
#   WARMUP       seconds of wrk warm-up before the measured run (default 10)
#   CONNECTIONS  wrk connections and pgbench clients (default 32)
#   THREADS      wrk threads and pgbench jobs (default 2)
#   PGHOST PGPORT PGUSER  the PostgreSQL server (default 127.0.0.1, 5432, postgres);
#                PGHOST must be a loopback address; password-less (trust) login is assumed
#   BENCH_DB     benchmark database, dropped and recreated (default tipline_bench)
#   KEEP_DB=1    keep the benchmark database after the run
#   WAIT_QUIET   wait up to this many seconds for the machine to be idle before starting (default 0)
#   LOG_DIR      keep tipline's, wrk's and pgbench's output there (default: a temp folder, removed)
#   JAVA_OPTS    extra JVM options for tipline
#
# Needs: java 17+, wrk (apt-get install -y wrk), pgbench and psql, curl.
# All traffic goes to 127.0.0.1; every wait and loop is bounded.

set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_bench}"
KEEP_DB="${KEEP_DB:-0}"
WAIT_QUIET="${WAIT_QUIET:-0}"
LUA_SCRIPT="$SCRIPT_DIR/tips.lua"
READY_TIMEOUT=120   # seconds to wait for tipline to become ready

BENCH_NAME=intake.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

# ---- checks -----------------------------------------------------------------
for n in DURATION WARMUP CONNECTIONS THREADS PGPORT WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( DURATION >= 1 && DURATION <= 3600 )) || die "DURATION must be 1..3600 seconds"
(( WARMUP <= 600 )) || die "WARMUP must be at most 600 seconds"
(( WAIT_QUIET <= 3600 )) || die "WAIT_QUIET must be at most 3600 seconds"
(( CONNECTIONS >= 1 && CONNECTIONS <= 90 )) || die "CONNECTIONS must be 1..90"
(( THREADS >= 1 && THREADS <= CONNECTIONS )) || die "THREADS must be 1..CONNECTIONS"
check_pg_settings
for tool in java wrk pgbench psql curl od; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (wrk: apt-get install -y wrk)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"
[[ -f "$LUA_SCRIPT" ]] || die "missing $LUA_SCRIPT"

# ---- work folder and cleanup ------------------------------------------------
WORK_DIR="$(mktemp -d -t tipline-bench.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then
  mkdir -p "$LOG_DIR"
  LOG_DIR="$(cd "$LOG_DIR" && pwd)"
else
  LOG_DIR="$WORK_DIR/logs"
  mkdir -p "$LOG_DIR"
fi
TIPLINE_PID=""
LOAD_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" "load generator"
  stop_pid "$TIPLINE_PID" "tipline"
  if [[ "$KEEP_DB" != 1 ]]; then
    psql -X -q -d postgres -c "drop database if exists $BENCH_DB with (force)" >/dev/null 2>&1 \
      || log "could not drop database $BENCH_DB"
  fi
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM


# ---- 0. is the machine quiet? -------------------------------------------------
# With WAIT_QUIET=N, wait up to N seconds for a 3-second window under 20 % busy.
wait_quiet "$WAIT_QUIET"

# ---- 1. benchmark database ----------------------------------------------------
log "server: $PGHOST:$PGPORT as $PGUSER; database $BENCH_DB (dropped and recreated)"
create_bench_db
SERVER_VERSION="$(sql "show server_version")"
# The server's main process: the parent of its checkpointer (the server is local).
PG_MAIN_PID="$(pg_main_pid)"
FSYNC="$(sql "show fsync")"
SYNC_COMMIT="$(sql "show synchronous_commit")"
WAL_SYNC="$(sql "show wal_sync_method")"
[[ "$SYNC_COMMIT" == on ]] || die "synchronous_commit is '$SYNC_COMMIT' in $BENCH_DB, expected on"
log "PostgreSQL $SERVER_VERSION, fsync=$FSYNC, synchronous_commit=$SYNC_COMMIT, wal_sync_method=$WAL_SYNC"

# ---- 2. tipline ---------------------------------------------------------------
PORT="$(free_port)" || die "no free port found"
# Health may be served on a separate management port; give it a free one too.
MGMT_PORT="$PORT"
for ((i = 0; i < 20 && MGMT_PORT == PORT; i++)); do MGMT_PORT="$(free_port)" || die "no free port found"; done
(( MGMT_PORT != PORT )) || die "no second free port found"
BASE_URL="http://127.0.0.1:$PORT"
TIPLINE_LOG="$LOG_DIR/tipline.log"
log "starting tipline on $BASE_URL (log: $TIPLINE_LOG)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
start_tipline "$TIPLINE_LOG" ${JAVA_OPTS:-}

ready=0
for ((i = 0; i < READY_TIMEOUT * 2; i++)); do
  kill -0 "$TIPLINE_PID" 2>/dev/null || { tail -n 30 "$TIPLINE_LOG" >&2; die "tipline exited during start-up"; }
  for url in "http://127.0.0.1:$MGMT_PORT/q/health/ready" "$BASE_URL/q/health/ready"; do
    if curl -fsS -m 2 "$url" 2>/dev/null | grep -q '"UP"'; then ready=1; break 2; fi
  done
  sleep 0.5
done
(( ready )) || { tail -n 30 "$TIPLINE_LOG" >&2; die "tipline not ready after $READY_TIMEOUT s"; }

SMOKE_BODY='{"category":"other","description":"Benchmark smoke test: one tip before the load starts.","language":"en"}'
status="$(curl -sS -m 15 -o "$WORK_DIR/smoke.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "$SMOKE_BODY" "$BASE_URL/api/v1/tips")" || status="none"
[[ "$status" == 201 ]] || { cat "$WORK_DIR/smoke.json" >&2 2>/dev/null || true; die "smoke POST answered $status, expected 201"; }
log "tipline ready, smoke POST answered 201: $(cat "$WORK_DIR/smoke.json")"

# ---- 3. wrk: warm-up, then the measured run ------------------------------------
WRK_TIMEOUT=20s   # longer than tipline's 10 s store timeout, so slow answers count as latency
if (( WARMUP > 0 )); then
  log "warm-up: wrk ${WARMUP}s, $CONNECTIONS connections"
  run_load "$LOG_DIR/wrk-warmup.txt" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" --timeout "$WRK_TIMEOUT" -s "$LUA_SCRIPT" "$BASE_URL" \
    || { cat "$LOG_DIR/wrk-warmup.txt" >&2; die "wrk warm-up failed"; }
fi
ROWS_BEFORE="$(sql "select count(*) from tip")"
sql "checkpoint" >/dev/null 2>&1 || true

log "measured run: wrk ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
proc_snapshot >"$WORK_DIR/procs0"
M0="$(machine_ticks)"; T0="$(process_ticks "$TIPLINE_PID")"; S0=$SECONDS
run_load "$LOG_DIR/wrk.txt" \
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -s "$LUA_SCRIPT" "$BASE_URL" \
  || { cat "$LOG_DIR/wrk.txt" >&2; die "wrk failed"; }
M1="$(machine_ticks)"; T1="$(process_ticks "$TIPLINE_PID")"
proc_snapshot >"$WORK_DIR/procs1"
WRK_BUSY="$(busy_percent "$M0" "$M1")"
# tipline, wrk, psql and curl are this script's children; PostgreSQL's processes the main process's.
WRK_OTHER="$(other_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$(( SECONDS - S0 > 0 ? SECONDS - S0 : 1 ))" "$PG_MAIN_PID")"
WRK_OTHER_TOP="$(other_top "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$PG_MAIN_PID")"
cat "$LOG_DIR/wrk.txt" >&2

RESULT_LINE="$(grep '^BENCH_RESULT ' "$LOG_DIR/wrk.txt" | tail -n 1)"
[[ -n "$RESULT_LINE" ]] || die "no BENCH_RESULT line in wrk's output"
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$RESULT_LINE"; }
W_REQUESTS="$(field requests)"; W_CREATED="$(field created)"; W_NON201="$(field non201)"
W_SOCKET="$(field socket_errors)"; W_DUR_US="$(field duration_us)"
W_P50_US="$(field p50_us)"; W_P99_US="$(field p99_us)"
ROWS_AFTER="$(sql "select count(*) from tip")"
ROWS_DURING=$(( ROWS_AFTER - ROWS_BEFORE ))

# ---- 4. tip size, stop tipline -----------------------------------------------------
CT_BYTES="$(sql "select coalesce(round(avg(octet_length(ciphertext))), 0)::int from tip")"
CT_RANGE="$(sql "select min(octet_length(ciphertext)) || '..' || max(octet_length(ciphertext)) from tip")"
(( CT_BYTES > 0 )) || die "no tips stored, cannot size the pgbench row"
log "stored tips: $ROWS_AFTER, ciphertext average $CT_BYTES bytes (range $CT_RANGE)"
log "stopping tipline"
stop_pid "$TIPLINE_PID" "tipline"
TIPLINE_PID=""

# ---- 5. pgbench ceiling ------------------------------------------------------------
pgbench_insert_script "$CT_BYTES" 1
proc_snapshot >"$WORK_DIR/procs0"
M0="$(machine_ticks)"; S0=$SECONDS
log "pgbench: ${DURATION}s, $CONNECTIONS clients, one INSERT of $CT_BYTES random bytes per transaction"
run_pgbench
PG_BUSY="$(busy_percent "$M0" "$(machine_ticks)")"
proc_snapshot >"$WORK_DIR/procs1"
PG_OTHER="$(other_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$(( SECONDS - S0 > 0 ? SECONDS - S0 : 1 ))" "$PG_MAIN_PID")"
PG_OTHER_TOP="$(other_top "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$PG_MAIN_PID")"
grep -E '^(number of transactions actually processed|number of failed|latency average|tps)' "$LOG_DIR/pgbench.txt" >&2 || true
PG_LAT="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$LOG_DIR/pgbench.txt" | head -n 1)"
PG_ROWS="$(sql "select count(*) from bench_tip")"

# ---- 6. results ----------------------------------------------------------------------
ERRORS=$(( W_NON201 + W_SOCKET ))
TIPS_PER_S="$(awk -v n="$W_CREATED" -v us="$W_DUR_US" 'BEGIN { printf "%.1f", n / (us / 1e6) }')"
RATIO="$(awk -v a="$TIPS_PER_S" -v b="$PG_TPS" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }')"
P50_MS="$(awk -v u="$W_P50_US" 'BEGIN { printf "%.1f", u / 1000 }')"
P99_MS="$(awk -v u="$W_P99_US" 'BEGIN { printf "%.1f", u / 1000 }')"
PG_TPS="$(awk -v t="$PG_TPS" 'BEGIN { printf "%.1f", t }')"
TIPLINE_CORES="$(awk -v d="$(( T1 - T0 ))" -v hz="$CLK_TCK" -v us="$W_DUR_US" 'BEGIN { printf "%.2f", d / hz / (us / 1e6) }')"
WARNS="$(grep -cE '^[0-9-]+ [0-9:]+ (WARN|ERROR)' "$TIPLINE_LOG" || true)"

cat <<EOF

tipline intake benchmark: $CONNECTIONS connections/clients, ${DURATION}s each, warm-up ${WARMUP}s
PostgreSQL $SERVER_VERSION on $PGHOST:$PGPORT, database $BENCH_DB, fsync=$FSYNC, synchronous_commit=$SYNC_COMMIT
tip ciphertext: average $CT_BYTES bytes (range $CT_RANGE), pgbench rows of $CT_BYTES random bytes

| metric                              | value |
|-------------------------------------|-------|
| tipline tips/s (201 answers)        | $TIPS_PER_S |
| pgbench INSERT tps (ceiling)        | $PG_TPS |
| ratio tips/s / pgbench tps          | $RATIO |
| tipline latency p50 (wrk)           | $P50_MS ms |
| tipline latency p99 (wrk)           | $P99_MS ms |
| pgbench latency average             | ${PG_LAT:-?} ms |
| errors (non-201 + socket/timeouts)  | $ERRORS ($W_NON201 non-201, $W_SOCKET socket) |
| requests answered / 201             | $W_REQUESTS / $W_CREATED |
| tip rows committed during the run   | $ROWS_DURING |
| pgbench rows committed              | $PG_ROWS |
| machine CPU busy, 3 s before start  | $IDLE_BUSY of $NPROC cores |
| machine CPU busy, wrk run           | $WRK_BUSY of $NPROC cores (tipline: $TIPLINE_CORES cores, other work: $WRK_OTHER cores) |
| machine CPU busy, pgbench run       | $PG_BUSY of $NPROC cores (other work: $PG_OTHER cores) |
| tipline log WARN/ERROR lines        | $WARNS |
EOF
if awk -v a="$WRK_OTHER" -v b="$PG_OTHER" 'BEGIN { exit !(a > 0.15 || b > 0.15) }'; then
  echo
  echo "WARNING: other processes used CPU during the measured runs (see 'other work' above): the numbers are disturbed."
  echo "busiest other processes during the wrk run:"; echo "${WRK_OTHER_TOP:-  none}"
  echo "busiest other processes during the pgbench run:"; echo "${PG_OTHER_TOP:-  none}"
fi
grep '^BENCH_STATUS ' "$LOG_DIR/wrk.txt" | sed 's/^BENCH_STATUS /non-201 answers: /' || true
if (( WARNS > 0 )); then
  echo
  echo "tipline WARN/ERROR lines (first 5):"
  grep -E '^[0-9-]+ [0-9:]+ (WARN|ERROR)' "$TIPLINE_LOG" | head -n 5
fi
