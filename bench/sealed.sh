#!/usr/bin/env bash
# sealed.sh: what a sealed tip costs intake, against the plain JSON tip and the database's
# own ceiling (see bench/README.md, "Sealed tips").
#
# A sealed tip arrives sealed by its front end (docs/crypto.md, section 8): intake checks the
# envelope's form, its key ids and its binding, and stores it, with no Argon2id and no seal.
# One tipline (all-in-one, from the JAR) against a benchmark database; one channel that skips
# proof-of-work (bench-trusted), used by both paths, so that neither solves proofs.
#
#  1. envelopes: SealedEnvelopeFile (a test class) fetches a binding token for each from
#     GET /api/v1/tips/sealed/binding and seals a realistic tip (300 to 2,000 characters)
#     and its follow-up credentials (envelope version 2, as the tip page sends: an Ed25519
#     sign-in key) to the office public key, as a front end would; made before the measured
#     runs, on every core;
#  2. ROUNDS rounds (3) of a DURATION-second closed-loop wrk run (20 s, bench/tips.lua,
#     CONNECTIONS connections) of plain JSON tips and of sealed tips (each envelope sent
#     once), in the order AB, BA, AB, ...;
#  3. the pgbench ceiling of intake.sh: single-row inserts of the sealed tips' average
#     ciphertext size, the same clients, on the same server, right after.
# Target: the sealed path's median tips/s at least 0.5 of the pgbench ceiling.
#
# Usage (the JAR and the test classes are built first):
#   ./mvnw -B package -DskipTests && ./mvnw -q -o test-compile
#   bash bench/sealed.sh
# Environment (all optional): ROUNDS (3), DURATION (20), WARMUP (10), CONNECTIONS (32),
#   THREADS (2), JAR, PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres; loopback, trust auth),
#   BENCH_DB (tipline_sealed, dropped and recreated), WAIT_QUIET (0), LOG_DIR, JAVA_OPTS.
# Needs: java 17+, wrk (apt-get install -y wrk), pgbench, psql, curl, od.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=sealed.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_sealed}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WAIT_QUIET="${WAIT_QUIET:-0}"
for n in ROUNDS DURATION WARMUP CONNECTIONS THREADS WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( ROUNDS >= 1 && ROUNDS <= 20 && DURATION >= 1 && DURATION <= 600 && WARMUP >= 1 && WARMUP <= 600 )) \
  || die "ROUNDS must be 1..20, DURATION and WARMUP 1..600 seconds"
(( CONNECTIONS >= 1 && CONNECTIONS <= 90 && THREADS >= 1 && THREADS <= CONNECTIONS )) \
  || die "CONNECTIONS must be 1..90 and THREADS 1..CONNECTIONS"
check_pg_settings
for tool in java wrk pgbench psql curl od; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install -y wrk)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"
[[ -f "$PROJECT_DIR/target/test-classes/org/tipline/tipster/sealed/SealedEnvelopeFile.class" ]] \
  || die "no test classes: run ./mvnw -q -o test-compile first"

WORK_DIR="$(mktemp -d -t tipline-sealed.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then mkdir -p "$LOG_DIR"; LOG_DIR="$(cd "$LOG_DIR" && pwd)"; else LOG_DIR="$WORK_DIR/logs"; mkdir -p "$LOG_DIR"; fi
TIPLINE_PID=""
LOAD_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" "load generator"
  stop_pid "$TIPLINE_PID" "tipline"
  drop_bench_db
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

log "resolving the test class path (offline)"
( cd "$PROJECT_DIR" && ./mvnw -o -B -q dependency:build-classpath -Dmdep.outputFile="$WORK_DIR/classpath.txt" \
  -Dmdep.includeScope=test >/dev/null ) || die "could not resolve the class path: run ./mvnw -o test-compile to see why"
CLASSPATH_ALL="$PROJECT_DIR/target/classes:$PROJECT_DIR/target/test-classes:$(cat "$WORK_DIR/classpath.txt")"
envelopes() { # envelopes COUNT FILE: COUNT sealed tips into FILE; prints the seconds it took
  local s0=$SECONDS
  timeout 1800 java -cp "$CLASSPATH_ALL" org.tipline.tipster.sealed.SealedEnvelopeFile "http://127.0.0.1:$PORT" \
    "$WORK_DIR/tipline-data/keys/office-public.json" "$1" "$2" >"$LOG_DIR/envelopes.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/envelopes.log" >&2; die "sealing the envelopes failed"; }
  [[ "$(wc -l <"$2")" -eq "$1" ]] || die "the envelope file holds $(wc -l <"$2") lines, not $1"
  echo $(( SECONDS - s0 ))
}

wait_quiet "$WAIT_QUIET"
create_bench_db
PG_MAIN_PID="$(pg_main_pid)"
SERVER_VERSION="$(sql "show server_version")"
PORT="$(free_port)" || die "no free port"
MGMT_PORT="$PORT"; while [[ "$MGMT_PORT" == "$PORT" ]]; do MGMT_PORT="$(free_port)" || die "no free port"; done
log "starting tipline on http://127.0.0.1:$PORT (log: $LOG_DIR/tipline.log)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
start_tipline "$LOG_DIR/tipline.log" ${JAVA_OPTS:-}
wait_ready 120 "$LOG_DIR/tipline.log"
KEY="$(trusted_channel bench-trusted)"

log "warm-up: ${WARMUP}s of plain tips"
PLAIN_WARM="$(rate_of "$(wrk_tips warmup-plain "$WARMUP" "$KEY" "")")"
WARM_N=$(( 20000 ))
log "plain: $PLAIN_WARM tips/s; sealing $WARM_N envelopes for the sealed warm-up"
envelopes "$WARM_N" "$WORK_DIR/envelopes-warm.txt" >/dev/null
SEALED_WARM="$(rate_of "$(wrk_tips warmup-sealed "$WARMUP" "$KEY" "" "$WORK_DIR/envelopes-warm.txt" /api/v1/tips/sealed)")"
# Enough envelopes for a run at twice the warm-up's rate (a cold warm-up under-counts, and may
# have run out), and at least 10,000 a second (a fast machine took more than 6,000); a run out
# of envelopes stops the script.
PER_RUN="$(awk -v r="$SEALED_WARM" -v d="$DURATION" 'BEGIN { n = int(r * d * 2) + 2000; f = 10000 * d; print (n < f ? f : n) }')"
log "sealed warm-up: $SEALED_WARM tips/s; sealing $PER_RUN envelopes for each round"

ROWS="" ; RATIOS_SEALED=(); RATES_PLAIN=(); RATES_SEALED=()
for ((round = 1; round <= ROUNDS; round++)); do
  SEAL_S="$(envelopes "$PER_RUN" "$WORK_DIR/envelopes.txt")"
  if (( round % 2 )); then order="plain sealed"; else order="sealed plain"; fi
  for which in $order; do
    sql "checkpoint" >/dev/null 2>&1 || true
    if [[ "$which" == plain ]]; then
      line="$(wrk_tips "plain-$round" "$DURATION" "$KEY" "")"
    else
      line="$(wrk_tips "sealed-$round" "$DURATION" "$KEY" "" "$WORK_DIR/envelopes.txt" /api/v1/tips/sealed)"
      (( $(result_field "$line" exhausted) == 0 )) || die "round $round: wrk ran out of envelopes"
    fi
    (( $(result_field "$line" non201) + $(result_field "$line" socket_errors) == 0 )) \
      || { grep BENCH_STATUS "$LOG_DIR/wrk-$which-$round.txt" >&2 || true; die "round $round, $which: answers other than 201"; }
    printf -v "R_$which" '%s' "$(rate_of "$line")"
    printf -v "P99_$which" '%s' "$(awk -v u="$(result_field "$line" p99_us)" 'BEGIN { printf "%.1f", u / 1000 }')"
    printf -v "OTHER_$which" '%s' "$(result_field "$line" other_cores)"
  done
  RATES_PLAIN+=("$R_plain"); RATES_SEALED+=("$R_sealed")
  log "round $round ($order): plain $R_plain tips/s, sealed $R_sealed tips/s (envelopes sealed in $SEAL_S s)"
  ROWS+="| round $round ($order) | $R_plain (p99 $P99_plain ms; other work $OTHER_plain cores) | $R_sealed (p99 $P99_sealed ms; other work $OTHER_sealed cores) |"$'\n'
done
PLAIN_MEDIAN="$(printf '%s\n' "${RATES_PLAIN[@]}" | median)"
SEALED_MEDIAN="$(printf '%s\n' "${RATES_SEALED[@]}" | median)"

# ---- the pgbench ceiling --------------------------------------------------------------
CT_BYTES="$(sql "select coalesce(round(avg(octet_length(ciphertext))), 0)::int from tip where format_version = 2")"
(( CT_BYTES > 0 )) || die "no sealed tips stored"
log "stopping tipline; pgbench: ${DURATION}s, $CONNECTIONS clients, one INSERT of $CT_BYTES random bytes per transaction"
stop_pid "$TIPLINE_PID" "tipline"
TIPLINE_PID=""
pgbench_insert_script "$CT_BYTES" 2
run_pgbench
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
SEALED_RATIO="$(ratio "$SEALED_MEDIAN" "$PG_TPS")"
PLAIN_RATIO="$(ratio "$PLAIN_MEDIAN" "$PG_TPS")"
VERDICT="$(awk -v r="$SEALED_RATIO" 'BEGIN { print (r + 0 >= 0.5 ? "met" : "MISSED") }')"
WARNS="$(grep -E ' (WARN|ERROR) ' "$LOG_DIR/tipline.log" | grep -vc 'DEMO KEY' || true)"

cat <<TABLE

tipline sealed tips: $CONNECTIONS connections, ${DURATION}s a run, all-in-one, $NPROC cores, PostgreSQL $SERVER_VERSION
sealed tip ciphertext: average $CT_BYTES bytes; pgbench rows of $CT_BYTES random bytes

| round (order) | plain JSON tips/s | sealed tips/s |
|---|---|---|
${ROWS}| **median** | **$PLAIN_MEDIAN** | **$SEALED_MEDIAN** |

| measurement | value | target | |
|---|---|---|---|
| pgbench INSERT ceiling, same server, right after | $(awk -v t="$PG_TPS" 'BEGIN { printf "%.1f", t }') tps | | |
| sealed tips/s / ceiling | $SEALED_RATIO | ≥ 0.5 | $VERDICT |
| plain JSON tips/s / ceiling | $PLAIN_RATIO | | |
| sealed / plain | $(ratio "$SEALED_MEDIAN" "$PLAIN_MEDIAN") | | |

tipline WARN/ERROR log lines (besides the demo-key warning): $WARNS
TABLE
echo "SEALED_RESULT plain=$PLAIN_MEDIAN sealed=$SEALED_MEDIAN pgbench=$PG_TPS sealed_ratio=$SEALED_RATIO plain_ratio=$PLAIN_RATIO"
