#!/usr/bin/env bash
# review.sh: tipline review benchmark.
#
# Measures how fast the office reads tips from a database of $TIPS tips (100,000 by
# default): listing a page of 100 tips (metadata only), decrypting tips one at a time,
# and decrypting a page of 100 at once. Every decryption writes an audit entry first.
# The project's target: list and decrypt pages of 100 tips from 100,000 in <= 100 ms a page.
#
# Steps, all in one run:
#   1. drop and recreate the benchmark database ($BENCH_DB) on the local PostgreSQL
#      server, with synchronous_commit=on for the database;
#   2. start tipline (the JAR, built beforehand; the default all-in-one role, which
#      serves intake and review, with the demo office key pair created in a temporary
#      data folder) on a free loopback port (and a free management port), wait until
#      /q/health/ready answers UP and one POST /api/v1/tips answers 201;
#   3. seed: wrk with bench/seed.lua, which posts bench/tips.lua's realistic tips (really
#      sealed to the office key) and stops after $TIPS 201 answers, while the script
#      watches `select count(*) from tip` (bounded by $SEED_TIMEOUT s); then
#      `vacuum (analyze) tip` and a checkpoint, as autovacuum would have done by then;
#   4. create a coordinator account with `java -jar $JAR reviewers add` (same data
#      folder and database), keep the otpauth:// URI it prints;
#   5. run bench/review.py: log in (password + the current TOTP code), warm up, then time,
#      one request at a time on one keep-alive connection:
#        a. GET /api/v1/review/tips?size=100&page=N, for the first, middle and last page,
#           $REPS times each, interleaved;
#        b. $SINGLE_ROUNDS rounds of 100 GET /api/v1/review/tips/{reference} in a row,
#           references from a listing (each round from another page);
#        c. GET /api/v1/review/tips/contents?size=100&page=N, same pages, $REPS times each;
#   6. print a table (median, p95, max in ms), the audit table size, the machine's CPU
#      use during the measurements and tipline's WARN/ERROR log lines.
# tipline and the load generator are stopped, the benchmark database dropped and the
# temporary files removed on every exit (trap), also after an error or Ctrl-C.
#
# Usage (from anywhere; the JAR is not built by this script):
#   ./mvnw -B package -DskipTests        # once, in the project folder
#   bash bench/review.sh
#   TIPS=5000 REPS=10 bash bench/review.sh   # a quick try
#
# Environment (all optional):
#   JAR            tipline runner JAR (default: <project>/target/quarkus-app/quarkus-run.jar)
#   TIPS           tips to seed (default 100000; at least 300)
#   REPS           timed requests per page, for the listing and for the decrypted pages (default 50)
#   WARMUP_REPS    warm-up rounds before timing (default 10; each lists every page once,
#                  reads one tip and decrypts one page)
#   SINGLE_ROUNDS  rounds of 100 single reads (default 10)
#   PAGES          comma list of page numbers to time (default: first, middle and last full page)
#   SEED           api (default): seed through POST /api/v1/tips with wrk, as tipsters would;
#                  copy: seal tips with tipline's classes and COPY them in (bench/loadgen/SeedTips.java),
#                  for a million tips: the rows are alike, only the tipster's credentials are random bytes
#   SEED_CONNECTIONS, SEED_THREADS  wrk connections and threads while seeding (default 32, 2)
#   SEED_TIMEOUT   seconds the seeding may take at most (default 900)
#   PGHOST PGPORT PGUSER  the PostgreSQL server (default 127.0.0.1, 5432, postgres);
#                  PGHOST must be a loopback address; password-less (trust) login is assumed
#   BENCH_DB       benchmark database, dropped and recreated (default tipline_review_bench)
#   KEEP_DB=1      keep the benchmark database after the run
#   WAIT_QUIET     wait up to this many seconds for the machine to be idle before starting (default 0)
#   LOG_DIR        keep tipline's log, wrk's and review.py's output there (default: a temp folder, removed)
#   JAVA_OPTS      extra JVM options for tipline
#
# Needs: java 17+, wrk (apt-get install -y wrk), psql, curl, python3 (standard library only).
# All traffic goes to 127.0.0.1; every wait and loop is bounded.

set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
TIPS="${TIPS:-100000}"
REPS="${REPS:-50}"
WARMUP_REPS="${WARMUP_REPS:-10}"
SINGLE_ROUNDS="${SINGLE_ROUNDS:-10}"
PAGES="${PAGES:-}"
SEED_CONNECTIONS="${SEED_CONNECTIONS:-32}"
SEED_THREADS="${SEED_THREADS:-2}"
SEED_TIMEOUT="${SEED_TIMEOUT:-900}"
SEED="${SEED:-api}"
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_review_bench}"
KEEP_DB="${KEEP_DB:-0}"
WAIT_QUIET="${WAIT_QUIET:-0}"
LUA_SCRIPT="$SCRIPT_DIR/tips.lua"
SEED_SCRIPT="$SCRIPT_DIR/seed.lua"
CLIENT="$SCRIPT_DIR/review.py"
READY_TIMEOUT=120     # seconds to wait for tipline to become ready
ACCOUNT_TIMEOUT=120   # seconds `reviewers add` may take
CLIENT_TIMEOUT=1800   # seconds review.py may take
REVIEWER=bench

BENCH_NAME=review.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"


# ---- checks -----------------------------------------------------------------
for n in TIPS REPS WARMUP_REPS SINGLE_ROUNDS SEED_CONNECTIONS SEED_THREADS SEED_TIMEOUT PGPORT WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( TIPS >= 300 && TIPS <= 5000000 )) || die "TIPS must be 300..5000000"
(( REPS >= 1 && REPS <= 1000 )) || die "REPS must be 1..1000"
(( WARMUP_REPS <= 1000 )) || die "WARMUP_REPS must be at most 1000"
(( SINGLE_ROUNDS >= 1 && SINGLE_ROUNDS <= 100 )) || die "SINGLE_ROUNDS must be 1..100"
(( SEED_CONNECTIONS >= 1 && SEED_CONNECTIONS <= 90 )) || die "SEED_CONNECTIONS must be 1..90"
(( SEED_THREADS >= 1 && SEED_THREADS <= SEED_CONNECTIONS )) || die "SEED_THREADS must be 1..SEED_CONNECTIONS"
(( SEED_TIMEOUT >= 10 && SEED_TIMEOUT <= 7200 )) || die "SEED_TIMEOUT must be 10..7200 seconds"
(( WAIT_QUIET <= 3600 )) || die "WAIT_QUIET must be at most 3600 seconds"
[[ -z "$PAGES" || "$PAGES" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "PAGES must be a comma list of page numbers"
[[ "$SEED" == api || "$SEED" == copy ]] || die "SEED must be api or copy"
check_pg_settings
for tool in java wrk psql curl python3 timeout od; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (wrk: apt-get install -y wrk)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"
[[ -f "$LUA_SCRIPT" ]] || die "missing $LUA_SCRIPT"
[[ -f "$SEED_SCRIPT" ]] || die "missing $SEED_SCRIPT"
[[ -f "$CLIENT" ]] || die "missing $CLIENT"

# ---- work folder and cleanup ------------------------------------------------
WORK_DIR="$(mktemp -d -t tipline-review-bench.XXXXXX)"
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


# CPU accounting from /proc: whole machine (total and idle ticks) and one process.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }


# tipline's settings, for the service and for the `reviewers add` command alike.

# ---- 0. is the machine quiet? -------------------------------------------------
# With WAIT_QUIET=N, wait up to N seconds for a 3-second window under 20 % busy.
wait_quiet "$WAIT_QUIET"
LOAD_START="$(loadavg)"

# ---- 1. benchmark database ----------------------------------------------------
log "server: $PGHOST:$PGPORT as $PGUSER; database $BENCH_DB (dropped and recreated)"
create_bench_db
SERVER_VERSION="$(sql "show server_version")"
# The server's main process: the parent of its checkpointer (the server is local).
PG_MAIN_PID="$(pg_main_pid)"
SHARED_BUFFERS="$(sql "show shared_buffers")"
WORK_MEM="$(sql "show work_mem")"
log "PostgreSQL $SERVER_VERSION, shared_buffers=$SHARED_BUFFERS, work_mem=$WORK_MEM"

# ---- 2. tipline ---------------------------------------------------------------
PORT="$(free_port)" || die "no free port found"
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

SMOKE_BODY='{"category":"other","description":"Benchmark smoke test: one tip before the seeding starts.","language":"en"}'
status="$(curl -sS -m 15 -o "$WORK_DIR/smoke.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "$SMOKE_BODY" "$BASE_URL/api/v1/tips")" || status="none"
[[ "$status" == 201 ]] || { cat "$WORK_DIR/smoke.json" >&2 2>/dev/null || true; die "smoke POST answered $status, expected 201"; }
log "tipline ready, smoke POST answered 201"

# ---- 3. seed the tips -----------------------------------------------------------
count="$(sql "select count(*) from tip")"
S0=$SECONDS
if [[ "$SEED" == copy ]]; then
  # SeedTips seals tips with tipline's own classes to the office key and copies them in.
  log "seeding $(( TIPS - count )) tips with bench/loadgen/SeedTips.java (COPY, at most ${SEED_TIMEOUT}s)"
  ( cd "$(dirname "$JAR")" && exec timeout "$SEED_TIMEOUT" java -Xmx1g -cp 'app/*:lib/main/*' "$SCRIPT_DIR/loadgen/SeedTips.java" \
      "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" "$PGUSER" "$(( TIPS - count ))" \
      "$WORK_DIR/tipline-data/keys/office-public.json" ) >"$LOG_DIR/seed.txt" 2>"$LOG_DIR/seed.err" \
    || { tail -n 20 "$LOG_DIR/seed.err" >&2; die "SeedTips failed"; }
  grep '^SEED_RESULT ' "$LOG_DIR/seed.txt" >&2 || true
else
  log "seeding $(( TIPS - count )) tips: wrk, $SEED_CONNECTIONS connections, until the tip table holds $TIPS (at most ${SEED_TIMEOUT}s)"
  wrk -t "$SEED_THREADS" -c "$SEED_CONNECTIONS" -d "${SEED_TIMEOUT}s" --timeout 20s -s "$SEED_SCRIPT" "$BASE_URL" \
    -- "$(( TIPS - count ))" "$SEED_THREADS" >"$LOG_DIR/wrk-seed.txt" 2>&1 &
  LOAD_PID=$!
  while kill -0 "$LOAD_PID" 2>/dev/null; do
    count="$(sql "select count(*) from tip")"
    (( count >= TIPS )) && break
    (( SECONDS - S0 <= SEED_TIMEOUT + 10 )) || die "only $count tips after ${SEED_TIMEOUT}s"
    sleep 0.5
  done
  # seed.lua's threads stop by themselves about now; else SIGINT makes wrk stop and report.
  for ((i = 0; i < 10; i++)); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.5; done
  kill -INT "$LOAD_PID" 2>/dev/null || true
  for ((i = 0; i < 10; i++)); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 0.5; done
  stop_pid "$LOAD_PID" "wrk"
  LOAD_PID=""
  sleep 1   # requests in flight when wrk stopped still commit
  grep '^BENCH_RESULT ' "$LOG_DIR/wrk-seed.txt" >&2 || true
  NON201="$(sed -n 's/.* non201=\([0-9]*\).*/\1/p' "$LOG_DIR/wrk-seed.txt" | tail -n 1)"
  [[ -z "$NON201" || "$NON201" == 0 ]] || log "WARNING: $NON201 seeding answers were not 201"
  count="$(sql "select count(*) from tip")"
  (( count >= TIPS )) || { tail -n 20 "$LOG_DIR/wrk-seed.txt" >&2; die "wrk stopped with $count tips in the table, fewer than $TIPS"; }
fi
SEED_SECONDS=$(( SECONDS - S0 ))
log "vacuum (analyze) tip, checkpoint"
sql "vacuum (analyze) tip" >/dev/null
sql "checkpoint" >/dev/null 2>&1 || true
TIP_COUNT="$(sql "select count(*) from tip")"
TIP_SIZE="$(sql "select pg_size_pretty(pg_total_relation_size('tip'))")"
CT_BYTES="$(sql "select round(avg(octet_length(ciphertext)))::int from tip")"
log "seeded in ${SEED_SECONDS}s: $TIP_COUNT tips, table with indexes and TOAST $TIP_SIZE, ciphertext average $CT_BYTES bytes"

# ---- 4. the coordinator account ------------------------------------------------------
printf '%s\n' "bench-$(od -An -vtx1 -N 12 /dev/urandom | tr -d ' \n')" >"$WORK_DIR/password"
chmod 600 "$WORK_DIR/password"
log "creating the coordinator account '$REVIEWER' with 'reviewers add'"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
if ! ( cd "$WORK_DIR" && tipline_env && exec timeout "$ACCOUNT_TIMEOUT" java ${JAVA_OPTS:-} -jar "$JAR" reviewers add \
       --username "$REVIEWER" --role coordinator --program default --password-file "$WORK_DIR/password" ) \
     >"$WORK_DIR/account.txt" 2>"$LOG_DIR/reviewers-add.err"; then
  cat "$LOG_DIR/reviewers-add.err" >&2
  die "reviewers add failed"
fi
grep -o 'otpauth://[^[:space:]]*' "$WORK_DIR/account.txt" | head -n 1 >"$WORK_DIR/otpauth" || true
[[ -s "$WORK_DIR/otpauth" ]] || die "reviewers add printed no otpauth:// URI"
chmod 600 "$WORK_DIR/otpauth"

# ---- 5. measure -----------------------------------------------------------------------
log "measuring: review.py, $REPS timed requests per page, $SINGLE_ROUNDS x 100 single reads, warm-up $WARMUP_REPS"
CLIENT_ARGS=(--port "$PORT" --username "$REVIEWER" --password-file "$WORK_DIR/password"
  --otpauth-file "$WORK_DIR/otpauth" --tips "$TIP_COUNT" --reps "$REPS" --warmup "$WARMUP_REPS"
  --single-rounds "$SINGLE_ROUNDS")
[[ -z "$PAGES" ]] || CLIENT_ARGS+=(--pages "$PAGES")
proc_snapshot >"$WORK_DIR/procs0"
M0="$(machine_ticks)"; T0="$(process_ticks "$TIPLINE_PID")"; S0=$SECONDS
timeout "$CLIENT_TIMEOUT" python3 "$CLIENT" "${CLIENT_ARGS[@]}" >"$LOG_DIR/review-client.txt" 2>&1 &
LOAD_PID=$!
rc=0
wait "$LOAD_PID" || rc=$?
LOAD_PID=""
M1="$(machine_ticks)"; T1="$(process_ticks "$TIPLINE_PID")"
proc_snapshot >"$WORK_DIR/procs1"
# tipline's pooled connections live through the run: their backends are this database's share.
DB_BACKENDS="$(sql "select string_agg(pid::text, ' ') from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")"
MEASURE_SECONDS=$(( SECONDS - S0 > 0 ? SECONDS - S0 : 1 ))
LOAD_END="$(loadavg)"
grep '^INFO ' "$LOG_DIR/review-client.txt" | sed 's/^INFO /[review.py] /' >&2 || true
(( rc == 0 )) || { grep -v '^INFO \|^ROW ' "$LOG_DIR/review-client.txt" >&2 || true; die "review.py failed (exit $rc)"; }

MEASURE_BUSY="$(busy_percent "$M0" "$M1")"
TIPLINE_CORES="$(awk -v d="$(( T1 - T0 ))" -v hz="$CLK_TCK" -v s="$MEASURE_SECONDS" 'BEGIN { printf "%.2f", d / hz / s }')"
# review.py has exited by now, so it reports its own CPU time.
CLIENT_CORES="$(awk -v s="$MEASURE_SECONDS" '/^CPU / { c = $2 } END { printf "%.2f", c / s }' "$LOG_DIR/review-client.txt")"
PG_CORES="$(family_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$MEASURE_SECONDS" "$PG_MAIN_PID")"
PG_DB_CORES="$(pids_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$MEASURE_SECONDS" "$DB_BACKENDS")"
OTHER="$(other_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$MEASURE_SECONDS" "$PG_MAIN_PID")"
OTHER_TOP="$(other_top "$WORK_DIR/procs0" "$WORK_DIR/procs1" "$PG_MAIN_PID")"

AUDIT_AFTER="$(sql "select count(*) from audit_entry")"
AUDIT_READS="$(sql "select count(*) from audit_entry where action = 'tip.read'")"
AUDIT_SIZE="$(sql "select pg_size_pretty(pg_total_relation_size('audit_entry'))")"
WARNS="$(grep -cE '^[0-9-]+ [0-9:]+ (WARN|ERROR)' "$TIPLINE_LOG" || true)"

# ---- 6. results ------------------------------------------------------------------------
cat <<EOF

tipline review benchmark: $TIP_COUNT tips, pages of 100, one request at a time on one keep-alive connection
PostgreSQL $SERVER_VERSION on $PGHOST:$PGPORT, database $BENCH_DB, shared_buffers=$SHARED_BUFFERS, work_mem=$WORK_MEM
tip table $TIP_SIZE (ciphertext average $CT_BYTES bytes); seeded in ${SEED_SECONDS}s; $REPS timed requests per page, warm-up $WARMUP_REPS

| measurement                      |     n | median ms |  p95 ms |  max ms |
|----------------------------------|------:|----------:|--------:|--------:|
EOF
grep '^ROW ' "$LOG_DIR/review-client.txt" | sed 's/^ROW //' \
  | awk -F'\t' '{ printf "| %-32s | %5d | %9s | %7s | %7s |\n", $1, $2, $3, $4, $5 }'
cat <<EOF

| other                                  | value |
|----------------------------------------|-------|
| audit entries at the end               | $AUDIT_AFTER rows ($AUDIT_READS of them tip.read), $AUDIT_SIZE |
| measured phase (warm-up included)      | ${MEASURE_SECONDS}s |
| machine CPU busy, 3 s before start     | $IDLE_BUSY of $NPROC cores |
| machine CPU busy, measured phase       | $MEASURE_BUSY of $NPROC cores (tipline: $TIPLINE_CORES, PostgreSQL: $PG_CORES of which tipline's connections $PG_DB_CORES, client: $CLIENT_CORES, other work: $OTHER cores) |
| load average before / after            | $LOAD_START / $LOAD_END |
| tipline log WARN/ERROR lines           | $WARNS |
EOF
grep '^ROW ' "$LOG_DIR/review-client.txt" | awk -F'\t' '
  $1 ~ /all pages above/ {
    status = ($4 + 0 <= 100) ? "met" : "NOT met"
    sub(/^ROW /, "", $1); sub(/, all pages above/, "", $1)
    printf "target <= 100 ms a page, %s: p95 %s ms, %s\n", $1, $4, status
  }'
if awk -v a="$OTHER" 'BEGIN { exit !(a > 0.15) }'; then
  echo
  echo "WARNING: other processes used CPU during the measurements (see 'other work' above): the numbers are disturbed."
  echo "busiest other processes:"; echo "${OTHER_TOP:-  none}"
fi
if (( WARNS > 0 )); then
  echo
  echo "tipline WARN/ERROR lines (first 5):"
  grep -E '^[0-9-]+ [0-9:]+ (WARN|ERROR)' "$TIPLINE_LOG" | head -n 5
fi
