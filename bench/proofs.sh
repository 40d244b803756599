#!/usr/bin/env bash
# proofs.sh: what the proof-of-work check costs intake, and what it spares intake in a flood
# (see bench/README.md, "Proof-of-work under load").
#
# One tipline (all-in-one, from the JAR) against a benchmark database. The difficulty is held
# at DIFFICULTY (base and maximum alike), so that this script can solve in advance every proof
# it sends; checking a proof costs the same at any difficulty (one HMAC, one SHA-256 and the
# spent record). Proofs are solved with `tipline solve-challenge --count N` between the
# measured runs, never during one.
#
#  1. cost, closed loop (wrk and bench/tips.lua, as bench/intake.sh): two channels that differ
#     only in their proof-of-work flag, bench-checked and bench-trusted. ROUNDS rounds (an
#     even number, so that a drift over the run favours neither), each a DURATION-second
#     run against each channel, in the order AB BA AB ...; every request of
#     both carries its channel's key and a fresh solved proof, which the trusted channel
#     ignores, so that the two runs send the same bytes but for the key. Prints both rates
#     and their ratio for each round, and the median ratio. Target: the check costs at most
#     5 % (median ratio at least 0.95).
#  2. flood, open loop: keyless tips (the built-in page's channel, which needs a proof).
#     VALID_RATE tips a second with solved proofs (bench/loadgen/OpenLoop.java) for
#     FLOOD_DURATION seconds alone, then again while FLOOD_RATE tips a second arrive with no
#     proof (40 %), a made-up one (20 %), a wrong solution of a real challenge (20 %) or a
#     proof already spent (20 %, one proof), sent by hey. Targets: the valid tips' p99 at most
#     twice its value alone, none of them fails, and during the flood intake runs one Argon2id
#     and two seals per tip it accepted (the meters on /q/metrics), and at most one more of
#     each for the replayed proof (a process that has let its claim go, under more than
#     65,536 proofs a challenge's life, pays once more before the tip's insert refuses it,
#     docs/proof-of-work.md): the flood costs nothing else.
# Prints one table, and "PROOFS_RESULT key=value ..." at the end.
#
# Usage (the JAR is not built by this script):
#   ./mvnw -B package -DskipTests
#   bash bench/proofs.sh
# Environment (all optional): DIFFICULTY (1000), ROUNDS (4), DURATION (20), WARMUP (10),
#   CONNECTIONS (32), THREADS (2), VALID_RATE (100), FLOOD_RATE (5000), FLOOD_DURATION (30),
#   PART (both, cost or flood), JAR, PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres; loopback,
#   trust auth), BENCH_DB (tipline_proofs, dropped and recreated), WAIT_QUIET (0), LOG_DIR,
#   JAVA_OPTS (for tipline).
# Needs: java 17+, wrk and hey (apt-get install -y wrk hey), psql, curl, base64, sed.
# All traffic goes to 127.0.0.1; every wait is bounded; a trap stops tipline and the load
# generators and drops the database on any exit.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=proofs.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_proofs}"
DIFFICULTY="${DIFFICULTY:-1000}"
ROUNDS="${ROUNDS:-4}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
VALID_RATE="${VALID_RATE:-100}"
FLOOD_RATE="${FLOOD_RATE:-5000}"
FLOOD_DURATION="${FLOOD_DURATION:-30}"
WAIT_QUIET="${WAIT_QUIET:-0}"
PART="${PART:-both}"

for n in DIFFICULTY ROUNDS DURATION WARMUP CONNECTIONS THREADS VALID_RATE FLOOD_RATE FLOOD_DURATION WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( DIFFICULTY >= 1 && DIFFICULTY <= 10000000 )) || die "DIFFICULTY must be 1..10000000"
(( ROUNDS >= 1 && ROUNDS <= 20 )) || die "ROUNDS must be 1..20"
(( DURATION >= 1 && DURATION <= 600 && FLOOD_DURATION >= 1 && FLOOD_DURATION <= 600 && WARMUP <= 600 )) \
  || die "durations must be 1..600 seconds"
(( CONNECTIONS >= 1 && CONNECTIONS <= 90 && THREADS >= 1 && THREADS <= CONNECTIONS )) \
  || die "CONNECTIONS must be 1..90 and THREADS 1..CONNECTIONS"
(( VALID_RATE >= 1 && VALID_RATE <= 2000 && FLOOD_RATE >= 500 && FLOOD_RATE <= 20000 )) \
  || die "VALID_RATE must be 1..2000 and FLOOD_RATE 500..20000"
[[ "$PART" == both || "$PART" == cost || "$PART" == flood ]] || die "PART must be both, cost or flood"
check_pg_settings
for tool in java wrk hey psql curl base64 sed; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install -y wrk hey)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"

WORK_DIR="$(mktemp -d -t tipline-proofs.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then mkdir -p "$LOG_DIR"; LOG_DIR="$(cd "$LOG_DIR" && pwd)"; else LOG_DIR="$WORK_DIR/logs"; mkdir -p "$LOG_DIR"; fi
TIPLINE_PID=""
LOAD_PID=""
LOAD_PIDS=()

cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" "load generator"
  for pid in "${LOAD_PIDS[@]}"; do stop_pid "$pid" "load generator"; done
  stop_pid "$TIPLINE_PID" "tipline"
  drop_bench_db
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# tipline's settings for this run: proofs on for keyless tips, a fixed difficulty, and
# challenges that stay good for the whole run.
export TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS=true
export TIPLINE_PROOF_OF_WORK_BASE_DIFFICULTY="$DIFFICULTY" TIPLINE_PROOF_OF_WORK_MAX_DIFFICULTY="$DIFFICULTY"
export TIPLINE_PROOF_OF_WORK_CHALLENGE_TTL=PT2H

solve() { # solve COUNT FILE: COUNT solved proofs into FILE; prints the seconds it took
  local s0=$SECONDS
  timeout 1800 bash -c 'cd "$1" && exec java -jar "$2" solve-challenge --count "$3" --url "$4"' _ \
    "$(dirname "$JAR")" "$(basename "$JAR")" "$1" "$BASE_URL" >"$2" 2>"$LOG_DIR/solve.err" \
    || { cat "$LOG_DIR/solve.err" >&2; die "solve-challenge failed"; }
  [[ "$(wc -l <"$2")" -eq "$1" ]] || die "solve-challenge printed $(wc -l <"$2") proofs, not $1"
  echo $(( SECONDS - s0 ))
}
metric() { # metric NAME: the sum of a counter's samples on /q/metrics
  curl -fsS -m 5 "http://127.0.0.1:$MGMT_PORT/q/metrics" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%.0f", s }'
}
field() { result_field "$@"; }

wait_quiet "$WAIT_QUIET"
create_bench_db
PG_MAIN_PID="$(pg_main_pid)"
PORT="$(free_port)" || die "no free port"
MGMT_PORT="$PORT"; while [[ "$MGMT_PORT" == "$PORT" ]]; do MGMT_PORT="$(free_port)" || die "no free port"; done
BASE_URL="http://127.0.0.1:$PORT"
log "starting tipline on $BASE_URL, difficulty $DIFFICULTY (log: $LOG_DIR/tipline.log)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
start_tipline "$LOG_DIR/tipline.log" ${JAVA_OPTS:-}
wait_ready 120 "$LOG_DIR/tipline.log"

TIP='{"category":"drugs","description":"A man in a grey hoodie was seen handing small packages to people waiting at the bus stop behind the supermarket on Elm Street, around nine in the evening, several times this month.","location":"Elm Street"}'
post() { # post EXTRA_CURL_ARGS...: posts TIP, prints the status
  curl -sS -m 15 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "$@" --data "$TIP" "$BASE_URL/api/v1/tips" || echo 000
}
[[ "$(post)" == 400 ]] || die "a keyless tip without a proof was not refused with 400: is the check on?"
solve 1 "$WORK_DIR/one.txt" >/dev/null
[[ "$(post -H "X-Tipline-Proof: $(cat "$WORK_DIR/one.txt")")" == 201 ]] || die "a keyless tip with a solved proof did not get 201"
log "tipline ready: a keyless tip without a proof got 400, one with a solved proof 201"

# ---- 1. cost ---------------------------------------------------------------------
COST_ROWS=""
if [[ "$PART" != flood ]]; then
  CHECKED_KEY="$(tipline_cli channels add --name bench-checked 2>>"$LOG_DIR/cli.err" | tail -n 1)"
  [[ "$CHECKED_KEY" == tlc_* ]] || { cat "$LOG_DIR/cli.err" >&2; die "could not create the channel bench-checked"; }
  TRUSTED_KEY="$(trusted_channel bench-trusted)"
  [[ "$(post -H "X-Tipline-Channel-Key: $CHECKED_KEY")" == 400 ]] || die "the checked channel took a tip without a proof"

  log "warm-up: twice ${WARMUP}s on the trusted channel"
  wrk_tips warmup "$WARMUP" "$TRUSTED_KEY" "" >/dev/null
  RATE="$(rate_of "$(wrk_tips warmup-2 "$WARMUP" "$TRUSTED_KEY" "")")"
  # Enough proofs for a run at twice the second warm-up's rate, and at least 3,000 a second
  # (other work during a warm-up lowers its rate; a run out of proofs stops the script).
  PER_RUN="$(awk -v r="$RATE" -v d="$DURATION" 'BEGIN { n = int(r * d * 2) + 2000; f = 3000 * d; print (n < f ? f : n) }')"
  log "warm-up: $RATE tips/s; solving $PER_RUN proofs for each round"
  SOLVE_S="$(solve "$PER_RUN" "$WORK_DIR/proofs-warm.txt")"
  SOLVE_RATE="$(awk -v n="$PER_RUN" -v s="$SOLVE_S" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 1) }')"
  log "solved $PER_RUN proofs in $SOLVE_S s ($SOLVE_RATE a second, every core of this machine)"
  wrk_tips warmup-checked "$(( WARMUP / 2 > 0 ? WARMUP / 2 : 1 ))" "$CHECKED_KEY" "$WORK_DIR/proofs-warm.txt" >/dev/null

  RATIOS=()
  for ((round = 1; round <= ROUNDS; round++)); do
    solve "$PER_RUN" "$WORK_DIR/proofs-$round.txt" >/dev/null
    if (( round % 2 )); then order="trusted checked"; else order="checked trusted"; fi
    for which in $order; do
      sql "checkpoint" >/dev/null 2>&1 || true
      if [[ "$which" == trusted ]]; then key="$TRUSTED_KEY"; else key="$CHECKED_KEY"; fi
      line="$(wrk_tips "$which-$round" "$DURATION" "$key" "$WORK_DIR/proofs-$round.txt")"
      (( $(field "$line" exhausted) == 0 )) || die "round $round, $which: wrk ran out of proofs"
      (( $(field "$line" non201) + $(field "$line" socket_errors) == 0 )) \
        || { grep BENCH_STATUS "$LOG_DIR/wrk-$which-$round.txt" >&2 || true; die "round $round, $which: answers other than 201"; }
      printf -v "R_$which" '%s' "$(rate_of "$line")"
      printf -v "P99_$which" '%s' "$(awk -v u="$(field "$line" p99_us)" 'BEGIN { printf "%.1f", u / 1000 }')"
      printf -v "OTHER_$which" '%s' "$(field "$line" other_cores)"
    done
    ratio="$(awk -v c="$R_checked" -v t="$R_trusted" 'BEGIN { printf "%.4f", c / t }')"
    RATIOS+=("$ratio")
    log "round $round ($order): trusted $R_trusted tips/s, checked $R_checked tips/s, ratio $ratio"
    COST_ROWS+="| round $round ($order) | $R_trusted tips/s (p99 $P99_trusted ms; other work $OTHER_trusted cores) | $R_checked tips/s (p99 $P99_checked ms; other work $OTHER_checked cores) | $ratio |"$'\n'
  done
  MEDIAN_RATIO="$(printf '%s\n' "${RATIOS[@]}" | median)"
fi

# ---- 2. flood ----------------------------------------------------------------------
if [[ "$PART" != cost ]]; then
  CALM_N=$(( VALID_RATE * (FLOOD_DURATION + 5) ))
  FLOODED_N=$(( VALID_RATE * (FLOOD_DURATION + 2) ))
  log "solving $(( CALM_N + FLOODED_N + 2 )) proofs for the valid tips and the flood"
  solve "$(( CALM_N + FLOODED_N + 2 ))" "$WORK_DIR/proofs-flood.txt" >/dev/null
  head -n "$CALM_N" "$WORK_DIR/proofs-flood.txt" >"$WORK_DIR/proofs-calm.txt"
  sed -n "$(( CALM_N + 1 )),$(( CALM_N + FLOODED_N ))p" "$WORK_DIR/proofs-flood.txt" >"$WORK_DIR/proofs-flooded.txt"
  SPENT="$(sed -n "$(( CALM_N + FLOODED_N + 1 ))p" "$WORK_DIR/proofs-flood.txt")"
  UNSPENT="$(sed -n "$(( CALM_N + FLOODED_N + 2 ))p" "$WORK_DIR/proofs-flood.txt")"
  [[ "$(post -H "X-Tipline-Proof: $SPENT")" == 201 ]] || die "the proof to be replayed was not taken"
  # A real challenge with a wrong number: signed, current, and no solution.
  WRONG="$(base64 -d <<<"$UNSPENT" | sed 's/"number":[0-9]*/"number":2147483647/' | base64 -w0)"
  GARBAGE="$(printf 'not a proof' | base64 -w0)"
  for kind in "$SPENT:replayed" "$WRONG:invalid" "$GARBAGE:invalid"; do
    answer="$(curl -sS -m 15 -H 'Content-Type: application/json' -H "X-Tipline-Proof: ${kind%%:*}" --data "$TIP" "$BASE_URL/api/v1/tips")"
    grep -q "proof-${kind##*:}" <<<"$answer" || die "a flood request was not refused as proof-${kind##*:}: $answer"
  done
  printf '%s' "$TIP" >"$WORK_DIR/tip.json"

  openloop() { # openloop LABEL PROOFS_FILE WARMUP: VALID_RATE keyless tips with proofs; prints the OPENLOOP line
    local out="$LOG_DIR/openloop-$1.txt"
    timeout $(( FLOOD_DURATION + $3 + 60 )) java -Xmx256m "$SCRIPT_DIR/loadgen/OpenLoop.java" --url "$BASE_URL/api/v1/tips" \
      --label "$1" --rate "$VALID_RATE" --duration "$FLOOD_DURATION" --warmup "$3" --proofs "$2" >"$out" 2>&1 &
    LOAD_PID=$!
    wait "$LOAD_PID" || { cat "$out" >&2; die "the load generator failed ($1)"; }
    LOAD_PID=""
    grep '^OPENLOOP ' "$out" | tail -n 1
  }
  log "valid keyless tips alone: $VALID_RATE/s for $FLOOD_DURATION s"
  CALM="$(openloop calm "$WORK_DIR/proofs-calm.txt" 5)"
  log "$CALM"

  # hey's rate is per worker (100/s); it runs at a lower priority (nice 10): on this 2-core
  # machine it would otherwise take CPU that a real flood, arriving over the network, would not.
  per_worker=100
  missing_w=$(( FLOOD_RATE * 40 / 100 / per_worker )); garbage_w=$(( FLOOD_RATE * 20 / 100 / per_worker ))
  wrong_w=$(( FLOOD_RATE * 20 / 100 / per_worker )); replay_w=$(( FLOOD_RATE / per_worker - missing_w - garbage_w - wrong_w ))
  FLOOD_FOR=$(( FLOOD_DURATION + 8 ))
  KDF0="$(metric tipline_kdf_tasks_total)"; SEALS0="$(metric tipline_office_key_seals_total)"; ROWS0="$(sql "select count(*) from tip")"
  T0="$(process_ticks "$TIPLINE_PID")"; S0=$SECONDS
  log "flood: $FLOOD_RATE tips/s for ${FLOOD_FOR}s without a good proof ($missing_w+$garbage_w+$wrong_w+$replay_w hey workers at $per_worker/s)"
  hey_flood() { # hey_flood NAME WORKERS [HEADER]
    local name="$1" workers="$2"; shift 2
    nice -n 10 hey -z "${FLOOD_FOR}s" -c "$workers" -q "$per_worker" -t 10 -m POST -T application/json -D "$WORK_DIR/tip.json" \
      "$@" "$BASE_URL/api/v1/tips" >"$LOG_DIR/hey-$name.txt" 2>&1 &
    LOAD_PIDS+=($!)
  }
  hey_flood missing "$missing_w"
  hey_flood garbage "$garbage_w" -H "X-Tipline-Proof: $GARBAGE"
  hey_flood wrong "$wrong_w" -H "X-Tipline-Proof: $WRONG"
  hey_flood replayed "$replay_w" -H "X-Tipline-Proof: $SPENT"
  sleep 3
  FLOODED="$(openloop flooded "$WORK_DIR/proofs-flooded.txt" 2)"
  log "$FLOODED"
  for pid in "${LOAD_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  LOAD_PIDS=()
  T1="$(process_ticks "$TIPLINE_PID")"
  FLOOD_CORES="$(cores_used "$T0" "$T1" $(( SECONDS - S0 )))"
  KDF1="$(metric tipline_kdf_tasks_total)"; SEALS1="$(metric tipline_office_key_seals_total)"; ROWS1="$(sql "select count(*) from tip")"
  flood_answers() { awk '/\[[0-9]+\][[:space:]]+[0-9]+ responses/ { gsub(/[\[\]]/, "", $1); printf "%s × %s; ", $2, $1 }' "$1"; }
  flood_rps() { awk '/Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
  FLOOD_RPS=0
  for name in missing garbage wrong replayed; do FLOOD_RPS=$(( FLOOD_RPS + $(flood_rps "$LOG_DIR/hey-$name.txt") )); done
  FLOOD_200S="$( { grep -hoE '\[2[0-9][0-9]\][[:space:]]+[0-9]+' "$LOG_DIR"/hey-*.txt || true; } | awk '{ s += $2 } END { print s + 0 }')"
  CALM_P99="$(field "$CALM" p99_ms)"; FLOOD_P99="$(field "$FLOODED" p99_ms)"
  FLOOD_ERR=$(( $(field "$FLOODED" errors) + $(field "$FLOODED" timeouts) + $(field "$FLOODED" unsent) ))
  CALM_ERR=$(( $(field "$CALM" errors) + $(field "$CALM" timeouts) + $(field "$CALM" unsent) ))
  FLOOD_LIMIT="$(awk -v c="$CALM_P99" 'BEGIN { printf "%.2f", 2 * c }')"
  ACCEPTED=$(( ROWS1 - ROWS0 )); KDF=$(( KDF1 - KDF0 )); SEALS=$(( SEALS1 - SEALS0 ))
fi

# ---- results -------------------------------------------------------------------------
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if ((op == "le" && v + 0 <= t + 0) || (op == "ge" && v + 0 >= t + 0) || (op == "eq" && v + 0 == t + 0)) print "met"; else print "MISSED" }'; }
WARNS="$(grep -E ' (WARN|ERROR) ' "$LOG_DIR/tipline.log" | grep -vc 'DEMO KEY' || true)"
echo
echo "tipline proof-of-work under load: difficulty $DIFFICULTY, all-in-one, $NPROC cores"
if [[ "$PART" != flood ]]; then
  cat <<TABLE

Cost of the check, closed loop (wrk, $CONNECTIONS connections, ${DURATION}s a run; every request carries a solved proof)

| round (order) | trusted channel (no check) | checked channel | ratio checked / trusted |
|---|---|---|---|
${COST_ROWS}| **median** | | | **$MEDIAN_RATIO** (target ≥ 0.95: $(verdict "$MEDIAN_RATIO" 0.95 ge)) |

Solving: $PER_RUN proofs at difficulty $DIFFICULTY in $SOLVE_S s with tipline solve-challenge ($SOLVE_RATE a second).
TABLE
fi
if [[ "$PART" != cost ]]; then
  cat <<TABLE

Flood, open loop: $VALID_RATE valid keyless tips a second, ${FLOOD_DURATION}s, alone and in the flood

| measurement | value | target | |
|---|---|---|---|
| valid tips alone: p50 / p99 / max | $(field "$CALM" p50_ms) / $CALM_P99 / $(field "$CALM" max_ms) ms | | |
| valid tips alone that failed | $CALM_ERR of $(field "$CALM" sent) | 0 | $(verdict "$CALM_ERR" 0 eq) |
| valid tips in a flood of $FLOOD_RPS requests/s: p50 / p99 / max | $(field "$FLOODED" p50_ms) / $FLOOD_P99 / $(field "$FLOODED" max_ms) ms | p99 ≤ 2 × alone = $FLOOD_LIMIT ms | $(verdict "$FLOOD_P99" "$FLOOD_LIMIT" le) |
| valid tips in the flood that failed | $FLOOD_ERR of $(field "$FLOODED" sent) | 0 | $(verdict "$FLOOD_ERR" 0 eq) |
| flood requests answered 2xx | $FLOOD_200S | 0 | $(verdict "$FLOOD_200S" 0 eq) |
| tips accepted while the flood ran (all of them valid) | $ACCEPTED | | |
| Argon2id derivations while the flood ran | $KDF | tips accepted ($ACCEPTED), + 1 at most for the one proof replayed | $(verdict "$(( KDF - ACCEPTED ))" 1 le) |
| seals to the office key while the flood ran | $SEALS | 2 × tips accepted ($(( 2 * ACCEPTED ))), + 2 at most | $(verdict "$(( SEALS - 2 * ACCEPTED ))" 2 le) |
| flood, no proof | $(flood_answers "$LOG_DIR/hey-missing.txt") | 400 | |
| flood, made-up proof | $(flood_answers "$LOG_DIR/hey-garbage.txt") | 400 | |
| flood, wrong solution of a real challenge | $(flood_answers "$LOG_DIR/hey-wrong.txt") | 400 | |
| flood, a spent proof replayed | $(flood_answers "$LOG_DIR/hey-replayed.txt") | 400 | |
| tipline CPU during the flood | $FLOOD_CORES cores | | |
TABLE
fi
echo
echo "tipline WARN/ERROR log lines (besides the demo-key warning): $WARNS"
echo "PROOFS_RESULT difficulty=$DIFFICULTY median_ratio=${MEDIAN_RATIO:--} calm_p99_ms=${CALM_P99:--} flood_p99_ms=${FLOOD_P99:--} flood_errors=${FLOOD_ERR:--} flood_rps=${FLOOD_RPS:--} accepted=${ACCEPTED:--} kdf=${KDF:--} seals=${SEALS:--}"
