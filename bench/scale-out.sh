#!/usr/bin/env bash
# scale-out.sh: two intake processes and one review process on one PostgreSQL, behind a
# round-robin HAProxy on loopback (see bench/README.md, "Scale-out").
#
#  1. throughput: closed-loop wrk (bench/tips.lua, CONNECTIONS connections) for ROUNDS rounds,
#     each one run of DURATION seconds through the balancer to both intakes, one straight to
#     intake A alone, and one through the balancer to A alone (what the balancer costs), in
#     alternating order; tips/s, errors (any answer but 201), each process's CPU and the
#     machine's busy share;
#  2. shared state, with the intakes restarted with proof-of-work on and a small guessing
#     budget: a challenge one intake issued is accepted by the other; a spent solution
#     (a tip's and a sign-in's) is refused by both; the follow-up guessing budget is one
#     budget across both. Each check straight against each process, and through the balancer.
# Prints two tables and "SCALE_RESULT key=value ...". Exits 1 when a shared-state check fails
# or a measured run had errors.
#
# Usage (the JAR is built first):
#   ./mvnw -B package -DskipTests
#   bash bench/scale-out.sh
#   DURATION=5 WARMUP=3 ROUNDS=1 bash bench/scale-out.sh     # a quick try
# Environment (all optional): DURATION (20), WARMUP (10), ROUNDS (2), CONNECTIONS (32),
#   THREADS (2), JAR, PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres; loopback, trust auth),
#   BENCH_DB (tipline_scale, dropped and recreated), WAIT_QUIET (0), LOG_DIR, JAVA_OPTS, KEM (x25519:
#   the office key pair's, as the demo key pair the other benchmarks use; or xwing).
# Needs: java 17+, haproxy (apt-get install -y haproxy), wrk (apt-get install -y wrk), psql, curl,
# python3 (standard library only: it solves the proof-of-work challenges as a front end would).
# Everything listens on and talks to 127.0.0.1; every wait is bounded; a trap stops every
# process it started and drops the database on any exit, Ctrl-C included.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=scale-out.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_scale}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WAIT_QUIET="${WAIT_QUIET:-0}"
# The office key pair's KEM: x25519, as the demo key pair the other benchmarks seal to, or xwing.
KEM="${KEM:-x25519}"
[[ "$KEM" == x25519 || "$KEM" == xwing ]] || die "KEM must be x25519 or xwing"
for n in DURATION WARMUP ROUNDS CONNECTIONS THREADS WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( ROUNDS >= 1 && ROUNDS <= 10 && DURATION >= 1 && DURATION <= 600 && WARMUP >= 1 && WARMUP <= 600 )) \
  || die "ROUNDS must be 1..10, DURATION and WARMUP 1..600 seconds"
(( CONNECTIONS >= 1 && CONNECTIONS <= 90 && THREADS >= 1 && THREADS <= CONNECTIONS )) \
  || die "CONNECTIONS must be 1..90 and THREADS 1..CONNECTIONS"
check_pg_settings
command -v haproxy >/dev/null 2>&1 || die "haproxy not found: install it with apt-get install -y haproxy (Debian)"
for tool in java wrk psql curl python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (wrk: apt-get install -y wrk)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"

WORK_DIR="$(mktemp -d -t tipline-scale.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then mkdir -p "$LOG_DIR"; LOG_DIR="$(cd "$LOG_DIR" && pwd)"; else LOG_DIR="$WORK_DIR/logs"; mkdir -p "$LOG_DIR"; fi
A_PID="" B_PID="" REVIEW_PID="" LB_PID="" LOAD_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" "load generator"
  stop_pid "$LB_PID" "haproxy"
  stop_pid "$A_PID" "intake A"
  stop_pid "$B_PID" "intake B"
  stop_pid "$REVIEW_PID" "review"
  drop_bench_db
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---- keys, database, processes ---------------------------------------------------------
# An office keyset under a passphrase (cheap KDF: a benchmark's), for review; its public
# half for the intakes.
KEYSET="$WORK_DIR/office-keyset.json"
PUBLIC_KEYSET="$WORK_DIR/office-public.json"
PASSPHRASE_FILE="$WORK_DIR/office-passphrase"
od -An -tx1 -N 24 /dev/urandom | tr -d ' \n' >"$PASSPHRASE_FILE"
chmod 600 "$PASSPHRASE_FILE"

# start_role NAME ROLE PORT MGMT_PORT [ENV=VALUE...]: tipline from the JAR in ROLE against the
# benchmark database; its data folder is $WORK_DIR/NAME; sets ROLE_PID.
start_role() {
  local name="$1" role="$2" port="$3" mgmt="$4"; shift 4
  local extra=("$@")
  (
    cd "$(dirname "$JAR")"
    tipline_env
    export TIPLINE_DATA_DIR="$WORK_DIR/$name"
    export TIPLINE_ROLE="$role"
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port"
    export QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mgmt"
    if [[ "$role" == review ]]; then
      export TIPLINE_OFFICE_KEYSET="$KEYSET" TIPLINE_OFFICE_KEY_PASSPHRASE_FILE="$PASSPHRASE_FILE"
    else
      export TIPLINE_OFFICE_PUBLIC_KEYSET="$PUBLIC_KEYSET"
    fi
    (( ${#extra[@]} == 0 )) || export "${extra[@]}"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec java ${JAVA_OPTS:-} -jar "$(basename "$JAR")"
  ) >>"$LOG_DIR/tipline-$name.log" 2>&1 &
  ROLE_PID=$!
}
# await_ready NAME PID MGMT_PORT: /q/health/ready answers UP within 120 s
await_ready() { wait_ready 120 "$LOG_DIR/tipline-$1.log" "$2" "$3" "$1"; }
new_port() { # a free loopback port other than those already taken by this script
  local p
  while :; do
    p="$(free_port)" || die "no free port"
    [[ " ${TAKEN_PORTS:-} " == *" $p "* ]] || { TAKEN_PORTS="${TAKEN_PORTS:-} $p"; echo "$p"; return 0; }
  done
}
# start_intakes [ENV=VALUE...]: intakes A and B on new ports, both ready
start_intakes() {
  A_PORT="$(new_port)"; A_MGMT="$(new_port)"; B_PORT="$(new_port)"; B_MGMT="$(new_port)"
  start_role intake-a intake "$A_PORT" "$A_MGMT" "$@"; A_PID=$ROLE_PID
  start_role intake-b intake "$B_PORT" "$B_MGMT" "$@"; B_PID=$ROLE_PID
  await_ready intake-a "$A_PID" "$A_MGMT"
  await_ready intake-b "$B_PID" "$B_MGMT"
}
stop_intakes() {
  stop_pid "$A_PID" "intake A"; A_PID=""
  stop_pid "$B_PID" "intake B"; B_PID=""
}

# The balancer: HAProxy in HTTP mode, round-robin over A and B on LB_PORT, and A alone on
# LB1_PORT. No "log" line anywhere in the configuration, so HAProxy logs nothing, and no
# "option forwardfor": the client's address is neither recorded nor passed on. Each answer
# through LB_PORT says which intake gave it (X-Bench-Backend: a or b), for the checks; a
# stats page on STATS_PORT counts the answers per intake.
start_balancer() {
  stop_pid "$LB_PID" "haproxy"; LB_PID=""
  LB_PORT="$(new_port)"; LB1_PORT="$(new_port)"; STATS_PORT="$(new_port)"
  cat >"$WORK_DIR/haproxy.cfg" <<CFG
global
    maxconn 2000
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend both
    bind 127.0.0.1:$LB_PORT
    default_backend intakes
frontend one
    bind 127.0.0.1:$LB1_PORT
    default_backend intake_a
frontend stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
backend intakes
    balance roundrobin
    http-response set-header X-Bench-Backend %s
    server a 127.0.0.1:$A_PORT
    server b 127.0.0.1:$B_PORT
backend intake_a
    server a 127.0.0.1:$A_PORT
CFG
  haproxy -c -q -f "$WORK_DIR/haproxy.cfg" >"$LOG_DIR/haproxy-check.txt" 2>&1 \
    || { cat "$LOG_DIR/haproxy-check.txt" >&2; die "haproxy refused its configuration"; }
  haproxy -db -f "$WORK_DIR/haproxy.cfg" >>"$LOG_DIR/haproxy.log" 2>&1 &
  LB_PID=$!
  local i
  for ((i = 0; i < 50; i++)); do
    [[ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LB_PORT/api/v1/office-key" 2>/dev/null)" == 200 ]] && return 0
    kill -0 "$LB_PID" 2>/dev/null || { cat "$LOG_DIR/haproxy.log" >&2; die "haproxy exited"; }
    sleep 0.2
  done
  die "haproxy did not answer within 10 s"
}
lb_answers() { # lb_answers SERVER: 2xx answers of that intake in the round-robin backend so far
  curl -fsS -m 5 "http://127.0.0.1:$STATS_PORT/stats;csv" 2>/dev/null \
    | awk -F, -v s="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "hrsp_2xx") c = i; next }
      $1 == "intakes" && $2 == s { print $c + 0; found = 1 } END { if (!found) print 0 }'
}

wait_quiet "$WAIT_QUIET"
IDLE_BUSY_BEFORE="${IDLE_BUSY:-?}"
create_bench_db
PG_MAIN_PID="$(pg_main_pid)"
SERVER_VERSION="$(sql "show server_version")"
log "office keyset and schema"
cli() { # cli ARGS...: tipline's command line against the benchmark database, at most 180 s
  ( cd "$(dirname "$JAR")" && tipline_env && exec timeout 180 java -jar "$(basename "$JAR")" "$@" )
}
cli keys init --keyset "$KEYSET" --passphrase-file "$PASSPHRASE_FILE" --kem "$KEM" --kdf-memory-kib 1024 --kdf-iterations 1 \
  >"$LOG_DIR/keys.txt" 2>&1 || { cat "$LOG_DIR/keys.txt" >&2; die "keys init failed"; }
cli keys export-public --keyset "$KEYSET" --passphrase-file "$PASSPHRASE_FILE" --out "$PUBLIC_KEYSET" \
  >>"$LOG_DIR/keys.txt" 2>&1 || { cat "$LOG_DIR/keys.txt" >&2; die "keys export-public failed"; }
cli migrate >"$LOG_DIR/migrate.txt" 2>&1 || { cat "$LOG_DIR/migrate.txt" >&2; die "tipline migrate failed"; }

REVIEW_PORT="$(new_port)"; REVIEW_MGMT="$(new_port)"
start_role review review "$REVIEW_PORT" "$REVIEW_MGMT"; REVIEW_PID=$ROLE_PID
log "starting intakes A and B (proof-of-work off for the load, as the other load scripts) and review"
start_intakes
await_ready review "$REVIEW_PID" "$REVIEW_MGMT"
start_balancer
log "intake A :$A_PORT, intake B :$B_PORT, review :$REVIEW_PORT, balancer :$LB_PORT (both) and :$LB1_PORT (A alone)"

# ---- 1. throughput ---------------------------------------------------------------------
# CPU seconds of this script's finished children (wrk, and the few tools the script runs)
# (the builtin "times" runs in this shell, not in a subshell, so that it sees them)
children_seconds() {
  times >"$WORK_DIR/times"
  tail -n 1 "$WORK_DIR/times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, v, /m|s/); t += v[1] * 60 + v[2] } printf "%.2f", t }'
}
# measure LABEL TARGET_PORT: one wrk run of DURATION s; sets M_RATE M_ERR M_P99 M_A M_B M_REV M_PG M_LB M_WRK M_OTHER M_BUSY
measure() {
  local label="$1" t0 t1 m0 m1 c0 secs line
  m0="$(machine_ticks)"; t0="$(date +%s%N)"; children_seconds >"$WORK_DIR/c0"; c0="$(cat "$WORK_DIR/c0")"
  line="$(PORT="$2" wrk_tips "$label" "$DURATION" "" "")"
  t1="$(date +%s%N)"; m1="$(machine_ticks)"
  secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
  M_RATE="$(rate_of "$line")"
  M_ERR=$(( $(result_field "$line" non201) + $(result_field "$line" socket_errors) ))
  M_P99="$(awk -v u="$(result_field "$line" p99_us)" 'BEGIN { printf "%.1f", u / 1000 }')"
  M_OTHER="$(result_field "$line" other_cores)"
  # wrk_tips leaves its process snapshots from just before and just after the run
  local s0="$WORK_DIR/procs0" s1="$WORK_DIR/procs1"
  M_A="$(pids_cores "$s0" "$s1" "$secs" "$A_PID")"
  M_B="$(pids_cores "$s0" "$s1" "$secs" "$B_PID")"
  M_REV="$(pids_cores "$s0" "$s1" "$secs" "$REVIEW_PID")"
  M_LB="$(pids_cores "$s0" "$s1" "$secs" "$LB_PID")"
  M_PG="$(family_cores "$s0" "$s1" "$secs" "$PG_MAIN_PID")"
  children_seconds >"$WORK_DIR/c1"
  M_WRK="$(awk -v a="$c0" -v b="$(cat "$WORK_DIR/c1")" -v s="$secs" 'BEGIN { printf "%.2f", (b - a) / s }')"
  M_BUSY="$(busy_percent "$m0" "$m1")"
  (( M_ERR == 0 )) || { grep BENCH_STATUS "$LOG_DIR/wrk-$label.txt" >&2 || true; log "WARNING: $label: $M_ERR errors"; }
}

log "warm-up: ${WARMUP}s through the balancer (both intakes)"
PORT="$LB_PORT" wrk_tips warmup "$WARMUP" "" "" >/dev/null
sql "checkpoint" >/dev/null 2>&1 || true

ROWS=""; RATES_TWO=(); RATES_ONE=(); RATES_ONE_LB=(); ERRORS=0
LB_A0="$(lb_answers a)"; LB_B0="$(lb_answers b)"
for ((round = 1; round <= ROUNDS; round++)); do
  if (( round % 2 )); then order="two one one-lb"; else order="one-lb one two"; fi
  for which in $order; do
    sql "checkpoint" >/dev/null 2>&1 || true
    case "$which" in
      two) measure "two-$round" "$LB_PORT"; what="2 intakes through the balancer"; RATES_TWO+=("$M_RATE") ;;
      one) measure "one-$round" "$A_PORT"; what="intake A alone, direct"; RATES_ONE+=("$M_RATE") ;;
      one-lb) measure "one-lb-$round" "$LB1_PORT"; what="intake A alone, through the balancer"; RATES_ONE_LB+=("$M_RATE") ;;
    esac
    ERRORS=$(( ERRORS + M_ERR ))
    log "round $round, $what: $M_RATE tips/s, $M_ERR errors, machine $M_BUSY busy"
    ROWS+="| $round | $what | $M_RATE | $M_ERR | $M_P99 | $M_A / $M_B | $M_REV | $M_PG | $M_LB | $M_WRK | $M_OTHER | $M_BUSY |"$'\n'
  done
done
LB_A=$(( $(lb_answers a) - LB_A0 )); LB_B=$(( $(lb_answers b) - LB_B0 ))
TWO="$(printf '%s\n' "${RATES_TWO[@]}" | median)"
ONE="$(printf '%s\n' "${RATES_ONE[@]}" | median)"
ONE_LB="$(printf '%s\n' "${RATES_ONE_LB[@]}" | median)"
SCALE="$(awk -v a="$TWO" -v b="$ONE" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
SCALE_LB="$(awk -v a="$TWO" -v b="$ONE_LB" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
TIP_ROWS="$(sql "select count(*) from tip")"

# ---- 2. shared state -------------------------------------------------------------------
# The intakes again, now as deployed: proof-of-work on for tips and sign-ins, and a guessing
# budget of 20 failed sign-ins a minute, which tipline turns into a bucket of 2 (a tenth of a
# minute's) refilled at one token every 3 s. No per-reference delay (100 free failures), so
# that only the shared budget answers 429.
log "restarting the intakes with proof-of-work on and a guessing budget of 2"
stop_intakes
start_intakes TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS=true TIPLINE_PROOF_OF_WORK_SIGNINS=true \
  TIPLINE_FOLLOWUP_FAILED_SIGNINS_PER_MINUTE=20 TIPLINE_FOLLOWUP_FREE_FAILURES_PER_REFERENCE=100
start_balancer
A="http://127.0.0.1:$A_PORT"; B="http://127.0.0.1:$B_PORT"; LB="http://127.0.0.1:$LB_PORT"

# solve_json: the X-Tipline-Proof value that solves the challenge JSON on stdin (ALTCHA, SHA-256:
# the number n with SHA-256(salt + n) = challenge, n from 0 to maxnumber), as a front end sends it
solve_json() {
  timeout 60 python3 -c '
import base64, hashlib, json, sys
c = json.load(sys.stdin)
salt, target = c["salt"], c["challenge"]
for n in range(int(c["maxnumber"]) + 1):
    if hashlib.sha256((salt + str(n)).encode()).hexdigest() == target:
        payload = {"algorithm": c["algorithm"], "challenge": target, "number": n, "salt": salt, "signature": c["signature"]}
        print(base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode())
        sys.exit(0)
sys.exit("no solution")'
}
solve() { # solve BASE COUNT: COUNT solutions of challenges issued at BASE, one a line
  local i body
  for ((i = 0; i < $2; i++)); do
    body="$(curl -fsS -m 10 "$1/api/v1/challenge")" || die "GET $1/api/v1/challenge failed"
    solve_json <<<"$body" || die "could not solve a challenge from $1"
  done
}
# call METHOD URL [PROOF [AUTHORIZATION [BODY]]]: one request; sets ST (status), TYPE (problem type
# or -), BE (X-Bench-Backend or -), RA (Retry-After or -), BODY_OUT
call() {
  local args=(-s -m 30 -X "$1" -D "$WORK_DIR/h" -o "$WORK_DIR/b" -w '%{http_code}' -H 'Accept: application/json')
  [[ -z "${3:-}" ]] || args+=(-H "X-Tipline-Proof: $3")
  [[ -z "${4:-}" ]] || args+=(-H "Authorization: $4")
  [[ -z "${5:-}" ]] || args+=(-H 'Content-Type: application/json' --data "$5")
  ST="$(curl "${args[@]}" "$2" 2>/dev/null)" || ST=000
  BODY_OUT="$(cat "$WORK_DIR/b" 2>/dev/null || true)"
  TYPE="$(sed -n 's/.*"type":"\([^"]*\)".*/\1/p' <<<"$BODY_OUT" | head -n 1)"; TYPE="${TYPE:--}"
  BE="$(tr -d '\r' <"$WORK_DIR/h" | sed -n 's/^[Xx]-[Bb]ench-[Bb]ackend: *//p' | head -n 1)"; BE="${BE:--}"
  RA="$(tr -d '\r' <"$WORK_DIR/h" | sed -n 's/^[Rr]etry-[Aa]fter: *//p' | head -n 1)"; RA="${RA:--}"
}
CHECKS=""; PASSED=0; FAILED=0
# check PROPERTY STEP WANT GOT: one row of the checks table
check() {
  local verdict=ok
  if [[ "$4" == "$3" ]]; then PASSED=$(( PASSED + 1 )); else verdict=FAILED; FAILED=$(( FAILED + 1 )); log "CHECK FAILED: $1: $2: wanted $3, got $4"; fi
  CHECKS+="| $1 | $2 | $3 | $4 | $verdict |"$'\n'
}
TIP='{"category":"other","description":"a tip posted with a proof issued by the other intake"}'
REPLAYED="400 /problems/proof-replayed"

# 2a. A challenge issued by one intake is accepted by the other; its solution, once spent, is
#     refused by both: by the one that took it (in its memory) and by the other (in PostgreSQL).
P="$(solve "$A" 1)"
call POST "$B/api/v1/tips" "$P" "" "$TIP"
check "challenge across" "issued by A, tip posted to B" 201 "$ST"
REF="$(sed -n 's/.*"reference":"\([^"]*\)".*/\1/p' <<<"$BODY_OUT")"
PASS="$(sed -n 's/.*"passphrase":"\([^"]*\)".*/\1/p' <<<"$BODY_OUT")"
call POST "$B/api/v1/tips" "$P" "" "$TIP"; check "spent refused by both" "the same solution again to B" "$REPLAYED" "$ST $TYPE"
call POST "$A/api/v1/tips" "$P" "" "$TIP"; check "spent refused by both" "the same solution to A" "$REPLAYED" "$ST $TYPE"
P="$(solve "$B" 1)"
call POST "$A/api/v1/tips" "$P" "" "$TIP"; check "challenge across" "issued by B, tip posted to A" 201 "$ST"
call POST "$A/api/v1/tips" "$P" "" "$TIP"; check "spent refused by both" "the same solution again to A" "$REPLAYED" "$ST $TYPE"
call POST "$B/api/v1/tips" "$P" "" "$TIP"; check "spent refused by both" "the same solution to B" "$REPLAYED" "$ST $TYPE"
# Through the balancer: the challenge from one intake, the tip to the next (round-robin), then
# the solution twice more, one to each intake.
call GET "$LB/api/v1/challenge"; ISSUER="$BE"
[[ "$ST" == 200 ]] || die "GET /api/v1/challenge through the balancer answered $ST"
P="$(solve_json <<<"$BODY_OUT")" || die "could not solve the challenge from the balancer"
call POST "$LB/api/v1/tips" "$P" "" "$TIP"
check "challenge across" "through the balancer: issued by $ISSUER, tip taken by $BE" "201 other" "$ST $([[ "$BE" != "$ISSUER" && "$BE" != - ]] && echo other || echo same)"
SEEN=""
for i in 1 2; do
  call POST "$LB/api/v1/tips" "$P" "" "$TIP"; SEEN+="$BE"
  check "spent refused by both" "through the balancer, again ($BE)" "$REPLAYED" "$ST $TYPE"
done
check "spent refused by both" "through the balancer: both intakes answered" "ab" "$(grep -o . <<<"$SEEN" | sort | tr -d '\n')"

# 2b. A sign-in's solution (spent in proof_spent, not by a tip row): issued by A, spent at B,
#     then refused at A.
AUTH="Tipster $(printf '%s:%s' "$REF" "$PASS" | base64 -w0)"
WRONG="Tipster $(printf '%s:%s' "$REF" "$(tr ' ' '\n' <<<"$PASS" | tac | tr '\n' ' ' | sed 's/ $//')" | base64 -w0)"
P="$(solve "$A" 1)"
call GET "$B/api/v1/followup" "$P" "$AUTH"; check "challenge across" "sign-in at B with a solution issued by A" 200 "$ST"
call GET "$A/api/v1/followup" "$P" "$AUTH"; check "spent refused by both" "the sign-in's solution again, to A" "$REPLAYED" "$ST $TYPE"
call GET "$B/api/v1/followup" "$P" "$AUTH"; check "spent refused by both" "the sign-in's solution again, to B" "$REPLAYED" "$ST $TYPE"

# 2c. One guessing budget: its 2 tokens spent by one wrong passphrase at A and one at B; then A,
#     B and the balancer (both intakes) refuse with 429. A token comes back every 3 s, so the
#     sequence must run within about 2.5 s; if the machine is too slow for that, it is tried again
#     (up to 3 times), after the bucket has refilled. Each sign-in carries its own solution.
budget_try() { # sets BUDGET_ROWS and BUDGET_OK (1 when every answer was the expected one)
  local proofs t0 elapsed seen="" got=()
  mapfile -t proofs < <(solve "$A" 3; solve "$B" 3)
  (( ${#proofs[@]} == 6 )) || die "could not solve 6 challenges"
  sleep 7 # the bucket refills (2 tokens, one every 3 s)
  t0="$(date +%s%N)"
  call GET "$A/api/v1/followup" "${proofs[0]}" "$WRONG"; got+=("$ST $TYPE")
  call GET "$B/api/v1/followup" "${proofs[3]}" "$WRONG"; got+=("$ST $TYPE")
  call GET "$A/api/v1/followup" "${proofs[1]}" "$WRONG"; got+=("$ST $TYPE $([[ "$RA" != - ]] && echo retry-after)")
  call GET "$B/api/v1/followup" "${proofs[4]}" "$WRONG"; got+=("$ST $TYPE $([[ "$RA" != - ]] && echo retry-after)")
  call GET "$LB/api/v1/followup" "${proofs[2]}" "$WRONG"; got+=("$ST $TYPE"); seen+="$BE"
  call GET "$LB/api/v1/followup" "${proofs[5]}" "$WRONG"; got+=("$ST $TYPE"); seen+="$BE"
  elapsed=$(( ($(date +%s%N) - t0) / 1000000 ))
  BUDGET_GOT=("${got[@]}"); BUDGET_SEEN="$(grep -o . <<<"$seen" | sort | tr -d '\n')"; BUDGET_MS=$elapsed
}
for attempt in 1 2 3; do
  budget_try
  (( BUDGET_MS <= 2500 )) && break
  log "the budget sequence took $BUDGET_MS ms (over 2,500, so a token may have come back meanwhile); again"
done
SPENT="401 /problems/unauthorized"; REFUSED="429 /problems/too-many-requests"
check "one guessing budget" "wrong passphrase at A (token 1 of 2)" "$SPENT" "${BUDGET_GOT[0]}"
check "one guessing budget" "wrong passphrase at B (token 2 of 2)" "$SPENT" "${BUDGET_GOT[1]}"
check "one guessing budget" "then A" "$REFUSED retry-after" "${BUDGET_GOT[2]}"
check "one guessing budget" "then B" "$REFUSED retry-after" "${BUDGET_GOT[3]}"
check "one guessing budget" "then the balancer, twice" "$REFUSED $REFUSED" "${BUDGET_GOT[4]} ${BUDGET_GOT[5]}"
check "one guessing budget" "through the balancer: both intakes answered" "ab" "$BUDGET_SEEN"
check "one guessing budget" "the sequence ran within one token's refill (3 s)" "yes" "$( (( BUDGET_MS <= 2500 )) && echo yes || echo "no, $BUDGET_MS ms")"
sleep 4
P="$(solve "$B" 1)"
call GET "$B/api/v1/followup" "$P" "$AUTH"; check "one guessing budget" "refilled: the right passphrase at B" 200 "$ST"

WARNS="$(cat "$LOG_DIR"/tipline-*.log | grep -E ' (WARN|ERROR) ' | grep -vc 'DEMO KEY' || true)"
cat <<TABLE

tipline scale-out: 2 intakes + 1 review on one PostgreSQL $SERVER_VERSION, HAProxy $(haproxy -v 2>/dev/null | head -n 1 | awk '{ print $3 }') round-robin, $NPROC cores
wrk: $CONNECTIONS connections, ${DURATION}s a run, $ROUNDS round(s); proof-of-work off for the load (as intake.sh); machine busy before the start: $IDLE_BUSY_BEFORE

| round | target | tips/s | errors | p99 ms | CPU intake A / B (cores) | review | PostgreSQL | HAProxy | wrk (and the script's tools) | other work | machine busy |
|---|---|---|---|---|---|---|---|---|---|---|---|
${ROWS}
| measurement | value |
|---|---|
| 2 intakes through the balancer, median tips/s | $TWO |
| intake A alone, direct, median tips/s | $ONE |
| intake A alone, through the balancer, median tips/s | $ONE_LB |
| scale: 2 intakes ÷ 1 direct (÷ 1 through the balancer) | $SCALE ($SCALE_LB) |
| answers per intake through the round-robin (2xx, measured runs) | A $LB_A, B $LB_B |
| errors (non-201 answers, socket errors), all measured runs | $ERRORS |
| tip rows after the load | $TIP_ROWS |

Shared state (intakes restarted with proof-of-work on; A :$A_PORT, B :$B_PORT, balancer :$LB_PORT)

| property | step | wanted | got | |
|---|---|---|---|---|
${CHECKS}
checks: $PASSED passed, $FAILED failed; tipline WARN/ERROR log lines: $WARNS
TABLE
echo "SCALE_RESULT two_intakes=$TWO one_direct=$ONE one_balanced=$ONE_LB scale=$SCALE errors=$ERRORS checks_passed=$PASSED checks_failed=$FAILED"
(( FAILED == 0 && ERRORS == 0 ))
