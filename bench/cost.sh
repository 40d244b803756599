#!/usr/bin/env bash
# cost.sh: what a plain tip costs tipline's CPU, against the floor of the cryptography it
# needs, measured in the same run on the same machine (see bench/README.md, "The plain tip's
# cost").
#
#  1. the intake role (-Xmx$HEAP, serial GC, as bench/load.sh runs it) under a closed loop:
#     wrk with bench/tips.lua, $CONNECTIONS connections, $WARMUP s of warm-up, then $DURATION s
#     measured; tipline's CPU time (utime + stime from /proc) divided by the tips it stored
#     in that window is the CPU per plain tip, also split by thread kind (event loops, KDF
#     threads, the JIT compilers, the collector). The warm-up is a minute: after only 10 s on
#     2 cores, the JIT compilers still took about a third of tipline's CPU in the window
#     (bench/RESULTS.md, "The plain tip's cost");
#  2. tipline is stopped, and bench/loadgen/CryptoFloor.java runs exactly the cryptography of
#     one tip on one thread (the passphrase, its Argon2id, the dialogue key and its wrap, the
#     two HPKE seals), with tipline's own classes: the floor;
#  3. prints both and their ratio (the target: at most 2), PostgreSQL's share, and
#     "COST_RESULT key=value ..." for run-all.sh.
# With PROFILE=1, a JFR recording (1 ms CPU samples, allocation samples) of the measured
# window is kept as $LOG_DIR/cost.jfr, with a summary of the hottest frames and the allocation
# sites in $LOG_DIR/profile.txt (JDK 21+'s `jfr view`, from a JDK under /usr/lib/jvm).
#
# Usage (the JAR built first):
#   ./mvnw -B package -DskipTests && bash bench/cost.sh
# Environment (all optional): DURATION (30), WARMUP (60), CONNECTIONS (32), THREADS (2),
#   HEAP (128m), JAVA_OPTS (extra options for tipline), FLOOR_TIPS (2000 a round),
#   FLOOR_ROUNDS (7), PROFILE (0), JAR, PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres;
#   loopback, trust auth), BENCH_DB (tipline_cost, dropped and recreated), WAIT_QUIET (0), LOG_DIR.
# Needs: java 17+, wrk, psql, curl. All traffic goes to 127.0.0.1; every step is bounded.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=cost.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_cost}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-60}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
HEAP="${HEAP:-128m}"
FLOOR_TIPS="${FLOOR_TIPS:-2000}"
FLOOR_ROUNDS="${FLOOR_ROUNDS:-7}"
PROFILE="${PROFILE:-0}"
WAIT_QUIET="${WAIT_QUIET:-0}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
for n in DURATION WARMUP CONNECTIONS THREADS FLOOR_TIPS FLOOR_ROUNDS PROFILE WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( DURATION >= 5 && DURATION <= 600 && WARMUP <= 600 && CONNECTIONS >= 1 && CONNECTIONS <= 256 )) \
  || die "DURATION must be 5..600, WARMUP at most 600, CONNECTIONS 1..256"
(( FLOOR_TIPS >= 100 && FLOOR_ROUNDS >= 3 )) || die "FLOOR_TIPS must be at least 100, FLOOR_ROUNDS at least 3"
check_pg_settings
for tool in java wrk psql curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (wrk: apt-get install -y wrk)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"
APP_DIR="$(dirname "$JAR")"
JFR_JDK=""
if (( PROFILE )); then
  for jdk in /usr/lib/jvm/*; do [[ -x "$jdk/bin/jfr" ]] && "$jdk/bin/jfr" help view >/dev/null 2>&1 && JFR_JDK="$jdk"; done
  [[ -n "$JFR_JDK" ]] || log "no JDK with 'jfr view' found: the recording is kept without a summary"
fi

WORK_DIR="$(mktemp -d -t tipline-cost.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then mkdir -p "$LOG_DIR"; LOG_DIR="$(cd "$LOG_DIR" && pwd)"; else LOG_DIR="$WORK_DIR/logs"; mkdir -p "$LOG_DIR"; fi
TIPLINE_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$TIPLINE_PID" "tipline"
  drop_bench_db
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
thread_ticks() { # thread_ticks PID: "name ticks" for each of its threads, digits in names dropped
  local task
  for task in /proc/"$1"/task/*; do
    awk '{ s = $0; n = s; sub(/^[^(]*\(/, "", n); sub(/\).*/, "", n); gsub(/[0-9]+/, "N", n); gsub(/ /, "_", n)
      sub(/.*\) /, "", s); split(s, v, " "); print n, v[12] + v[13] }' "$task/stat" 2>/dev/null
  done
}
user_sys_ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, v, " "); print v[12], v[13] }' "/proc/$1/stat"; }
gc_seconds() { # the total time of all collections (GCT), from jstat
  jstat -gc "$1" 2>/dev/null | awk 'NR == 2 { print $NF }'
}
trap 'log "interrupted"; exit 130' INT TERM

wait_quiet "$WAIT_QUIET"
create_bench_db
PG_MAIN_PID="$(pg_main_pid)"
PORT="$(free_port)" || die "no free port"
MGMT_PORT="$PORT"; while [[ "$MGMT_PORT" == "$PORT" ]]; do MGMT_PORT="$(free_port)" || die "no free port"; done

# ---- 1. the intake role under a closed loop ----------------------------------------------
log "first start, all-in-one: creates the schema and the demo office keys"
start_tipline "$LOG_DIR/tipline-first.log" -Xmx256m
wait_first_tip 120 "$LOG_DIR/tipline-first.log" >/dev/null
stop_pid "$TIPLINE_PID" "tipline"

BASE_JAVA_OPTS="-Xmx$HEAP -XX:+UseSerialGC"
export BENCH_MIGRATE=false TIPLINE_ROLE=intake TIPLINE_OFFICE_PUBLIC_KEYSET="$WORK_DIR/tipline-data/keys/office-public.json"
log "intake role ($BASE_JAVA_OPTS ${JAVA_OPTS:-})"
# shellcheck disable=SC2086
start_tipline "$LOG_DIR/tipline.log" $BASE_JAVA_OPTS ${JAVA_OPTS:-}
wait_first_tip 120 "$LOG_DIR/tipline.log" >/dev/null
(( WARMUP == 0 )) || { log "warm-up: ${WARMUP}s"; wrk_tips warmup "$WARMUP" "" "" >/dev/null; }

if (( PROFILE )); then
  cat >"$WORK_DIR/profile.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="tipline cost">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
  <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">500/s</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.GCHeapSummary"><setting name="enabled">true</setting></event>
  <event name="jdk.GCPhasePause"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.GCConfiguration"><setting name="enabled">true</setting></event>
  <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="threshold">10 ms</setting><setting name="stackTrace">true</setting></event>
  <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="threshold">1 ms</setting><setting name="stackTrace">true</setting></event>
</configuration>
JFC
  jcmd "$TIPLINE_PID" JFR.start name=cost settings="$WORK_DIR/profile.jfc" >/dev/null || die "JFR.start failed"
fi
COUNT0="$(sql "select count(*) from tip")"
GC0="$(gc_seconds "$TIPLINE_PID")"; U0="$(user_sys_ticks "$TIPLINE_PID")"; thread_ticks "$TIPLINE_PID" >"$WORK_DIR/threads0"
T0="$(process_ticks "$TIPLINE_PID")"; S0="$(date +%s%N)"
proc_snapshot >"$WORK_DIR/procs-pg0"
log "measured closed loop: ${DURATION}s, $CONNECTIONS connections"
RESULT="$(wrk_tips measured "$DURATION" "" "")"
T1="$(process_ticks "$TIPLINE_PID")"; S1="$(date +%s%N)"
U1="$(user_sys_ticks "$TIPLINE_PID")"; GC1="$(gc_seconds "$TIPLINE_PID")"; thread_ticks "$TIPLINE_PID" >"$WORK_DIR/threads1"
proc_snapshot >"$WORK_DIR/procs-pg1"
sleep 1
COUNT1="$(sql "select count(*) from tip")"
if (( PROFILE )); then
  jcmd "$TIPLINE_PID" JFR.stop name=cost filename="$LOG_DIR/cost.jfr" >/dev/null || die "JFR.stop failed"
fi
RSS_MB="$(peak_rss_mb "$TIPLINE_PID")"
stop_pid "$TIPLINE_PID" "tipline"
TIPLINE_PID=""
SECS="$(awk -v a="$S0" -v b="$S1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
STORED=$(( COUNT1 - COUNT0 ))
(( STORED > 0 )) || die "no tip was stored in the measured window"
TIPS_PER_S="$(rate_of "$RESULT")"
TIPLINE_CORES="$(awk -v d="$(( T1 - T0 ))" -v hz="$CLK_TCK" -v s="$SECS" 'BEGIN { printf "%.2f", d / hz / s }')"
CPU_US="$(awk -v d="$(( T1 - T0 ))" -v hz="$CLK_TCK" -v n="$STORED" 'BEGIN { printf "%.0f", d / hz / n * 1e6 }')"
PG_CORES="$(family_cores "$WORK_DIR/procs-pg0" "$WORK_DIR/procs-pg1" "${SECS%.*}" "$PG_MAIN_PID")"
OTHER="$(result_field "$RESULT" other_cores)"
read -r UT0 ST0 <<<"$U0"; read -r UT1 ST1 <<<"$U1"
USER_US="$(awk -v d="$(( UT1 - UT0 ))" -v hz="$CLK_TCK" -v n="$STORED" 'BEGIN { printf "%.0f", d / hz / n * 1e6 }')"
SYS_US="$(awk -v d="$(( ST1 - ST0 ))" -v hz="$CLK_TCK" -v n="$STORED" 'BEGIN { printf "%.0f", d / hz / n * 1e6 }')"
# CPU per tip by thread kind (event loops, KDF threads, JIT compilers, the collector, ...); a
# thread that ended during the window counts only up to its last snapshot.
THREADS_US="$(awk -v hz="$CLK_TCK" -v n="$STORED" 'FNR == NR { before[$1] += $2; next } { after[$1] += $2 }
  END { for (k in after) { d = after[k] - before[k]; if (d > 0) printf "%s %.0f\n", k, d / hz / n * 1e6 } }' \
  "$WORK_DIR/threads0" "$WORK_DIR/threads1" | sort -k2,2nr | head -n 8 | awk '{ printf "%s%s %s µs", (NR > 1 ? "; " : ""), $1, $2 }')"
GC_US="$(awk -v a="$GC0" -v b="$GC1" -v n="$STORED" 'BEGIN { printf "%.0f", (b - a) / n * 1e6 }')"
log "tipline: $STORED tips in ${SECS}s, $TIPLINE_CORES cores, $CPU_US µs of CPU per tip"

# ---- 2. the floor -----------------------------------------------------------------------
log "floor: bench/loadgen/CryptoFloor.java, $FLOOR_ROUNDS rounds of $FLOOR_TIPS tips, one thread"
FLOOR="$(cd "$APP_DIR" && timeout 900 java -Xmx256m -cp 'app/*:lib/main/*' "$SCRIPT_DIR/loadgen/CryptoFloor.java" \
  "$FLOOR_TIPS" "$FLOOR_ROUNDS" 2>"$LOG_DIR/floor.err" | grep '^FLOOR_RESULT ')" \
  || { cat "$LOG_DIR/floor.err" >&2; die "the floor benchmark failed"; }
FLOOR_US="$(result_field "$FLOOR" cpu_us)"
RATIO="$(awk -v a="$CPU_US" -v b="$FLOOR_US" 'BEGIN { printf "%.2f", a / b }')"
VERDICT="$(awk -v r="$RATIO" 'BEGIN { print (r + 0 <= 2 ? "met" : "MISSED") }')"

if (( PROFILE )) && [[ -n "$JFR_JDK" ]]; then
  {
    for view in hot-methods allocation-by-site gc-pauses contention-by-site; do
      echo "==== jfr view $view"; "$JFR_JDK/bin/jfr" view --width 200 "$view" "$LOG_DIR/cost.jfr" 2>&1 || true
    done
  } >"$LOG_DIR/profile.txt"
  log "profile summary: $LOG_DIR/profile.txt"
fi

cat <<TABLE

tipline: the plain tip's CPU against the floor of its cryptography (same run; intake role, -Xmx$HEAP, serial GC ${JAVA_OPTS:-})

| measurement | value |
|---|---|
| closed loop, $CONNECTIONS connections, ${DURATION}s | $TIPS_PER_S tips/s (p50 $(awk -v u="$(result_field "$RESULT" p50_us)" 'BEGIN { printf "%.1f", u / 1000 }') ms, p99 $(awk -v u="$(result_field "$RESULT" p99_us)" 'BEGIN { printf "%.1f", u / 1000 }') ms) |
| tipline CPU | $TIPLINE_CORES cores; PostgreSQL $PG_CORES cores; other work $OTHER cores |
| **tipline CPU per stored tip** | **$CPU_US µs** ($STORED tips): user $USER_US µs, kernel $SYS_US µs; garbage collection pauses $GC_US µs a tip |
| tipline CPU per tip by thread | $THREADS_US |
| floor: the cryptography of one tip, one thread | **$FLOOR_US µs** (Argon2id with passphrase, key and wrap $(result_field "$FLOOR" argon2_cpu_us) µs; the two seals $(result_field "$FLOOR" seals_cpu_us) µs) |
| **ratio** (target ≤ 2) | **$RATIO** $VERDICT |
| peak RSS | $RSS_MB MB |

TABLE
echo "COST_RESULT cpu_us=$CPU_US floor_us=$FLOOR_US ratio=$RATIO tips_per_s=$TIPS_PER_S tipline_cores=$TIPLINE_CORES pg_cores=$PG_CORES other_cores=$OTHER rss_mb=$RSS_MB user_us=$USER_US sys_us=$SYS_US gc_us=$GC_US"
