#!/usr/bin/env bash
# start.sh: how fast the intake role starts, and what it then costs in memory and gives in
# tips/s, on JDK 17 and on JDK 25, each with and without a class archive trained on tipline
# (see bench/README.md, "Start time").
#
# For each configuration (CONFIGS):
#   jdk17      JDK 17 with the JDK's own class-data archive only;
#   jdk17-cds  JDK 17 with an AppCDS archive trained as load.sh trains it: a training start that
#              takes 21 tips and two refusals, then stops, and the JVM writes a dynamic archive
#              of every class it loaded (-XX:ArchiveClassesAtExit); timed starts map it
#              (-XX:SharedArchiveFile, with -Xshare:on so that a start that cannot map it fails
#              instead of being timed without it);
#   jdk25      JDK 25 (JAVA25) with its own default CDS archive only;
#   jdk25-aot  JDK 25 with an AOT cache (JEP 483, 514, 515) trained the same way: the training
#              start runs with -XX:AOTCacheOutput, and at its exit the JVM assembles the cache
#              (classes loaded and linked, method profiles); timed starts use it (-XX:AOTCache,
#              with -XX:AOTMode=on so that a start that cannot use it fails). The usual packaging
#              loads the application through Quarkus's own class loader, whose classes the
#              cache cannot hold: this cache covers the JDK's classes only;
#   jdk25-aotjar as jdk25-aot, on Quarkus's aot-jar packaging (AOT_JAR), which puts every class
#              on the JVM's class path, so the cache holds the application's classes too: what
#              the container image runs (deploy/Dockerfile). With AOT_CACHE, the timed starts
#              use that cache instead of training one (for instance the image's, trained by
#              deploy/image/train.sh on the same AOT_JAR with -Xmx128m -XX:+UseSerialGC).
# it runs STARTS fresh starts of the intake role (median reported), each timed from launching
# the JVM to the first 201 of a plain tip (a tip every 20 ms, against a migrated database);
# then, on the last start, WARMUP s and DURATION s of closed-loop wrk (bench/tips.lua), and
# reads the process's resident memory (peak and current). Every JVM runs with -Xmx$HEAP
# -XX:+UseSerialGC, MALLOC_ARENA_MAX=2, as load.sh. Target: start to first 201 ≤ 1.5 s.
# Prints a table and "START_RESULT key=value ...".
#
# Usage (the JARs are built first):
#   ./mvnw -B package -DskipTests
#   ./mvnw -B package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-jar
#   bash bench/start.sh
#   STARTS=3 WARMUP=3 DURATION=5 bash bench/start.sh     # a quick try
# Environment (all optional): CONFIGS ("jdk17 jdk17-cds jdk25 jdk25-aot jdk25-aotjar"), STARTS (5), WARMUP (10),
#   DURATION (20), START_OPTS (JVM options added to the timed starts only, not to training), CONNECTIONS (32), THREADS (2), HEAP (128m), JAVA17 (java on PATH, which must be
#   17), JAVA25 (the newest /usr/lib/jvm/temurin-25*/bin/java), JAR, AOT_JAR, AOT_CACHE, PGHOST/PGPORT/PGUSER
#   (127.0.0.1, 5432, postgres), BENCH_DB (tipline_start, dropped and recreated), WAIT_QUIET (0),
#   LOG_DIR.
# Needs: java 17 and a JDK 25, wrk, psql, curl, unzip. All traffic goes to 127.0.0.1; every wait is
# bounded; a trap stops tipline and wrk and drops the database on any exit, Ctrl-C included.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=start.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
AOT_JAR="${AOT_JAR:-$PROJECT_DIR/target/aot-jar/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_start}"
CONFIGS="${CONFIGS:-jdk17 jdk17-cds jdk25 jdk25-aot jdk25-aotjar}"
STARTS="${STARTS:-5}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
HEAP="${HEAP:-128m}"
WAIT_QUIET="${WAIT_QUIET:-0}"
JAVA17="${JAVA17:-$(command -v java || true)}"
JAVA25="${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | sort -V | tail -n 1)}"
TARGET_MS=1500
for n in STARTS WARMUP DURATION CONNECTIONS THREADS WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( STARTS >= 1 && STARTS <= 30 && WARMUP >= 1 && WARMUP <= 600 && DURATION >= 1 && DURATION <= 600 )) \
  || die "STARTS must be 1..30, WARMUP and DURATION 1..600 seconds"
(( CONNECTIONS >= 1 && CONNECTIONS <= 90 && THREADS >= 1 && THREADS <= CONNECTIONS )) \
  || die "CONNECTIONS must be 1..90 and THREADS 1..CONNECTIONS"
[[ "$HEAP" =~ ^[0-9]+[mg]$ ]] || die "HEAP must be like 128m"
for c in $CONFIGS; do
  case "$c" in jdk17|jdk17-cds|jdk25|jdk25-aot|jdk25-aotjar) ;; *) die "unknown configuration '$c' in CONFIGS" ;; esac
done
check_pg_settings
for tool in wrk psql curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (wrk: apt-get install -y wrk)"
done
java_feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [[ " $CONFIGS " == *" jdk17"* ]]; then
  [[ -x "$JAVA17" && "$(java_feature "$JAVA17")" == 17 ]] || die "JAVA17 ('$JAVA17') is not a JDK 17"
fi
if [[ " $CONFIGS " == *" jdk25"* ]]; then
  [[ -n "$JAVA25" && -x "$JAVA25" && "$(java_feature "$JAVA25")" == 25 ]] \
    || die "no JDK 25: set JAVA25 to its bin/java (looked under /usr/lib/jvm/temurin-25*)"
fi
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"
if [[ " $CONFIGS " == *" jdk25-aotjar "* ]]; then
  [[ -f "$AOT_JAR" ]] || die "no aot-jar at $AOT_JAR: build it first (./mvnw -B package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-jar) or set AOT_JAR"
  unzip -p "$AOT_JAR" META-INF/MANIFEST.MF | grep -q 'AotQuarkusEntryPoint' || die "$AOT_JAR is not Quarkus's aot-jar packaging"
fi
# glibc's malloc arenas, one per thread by default, add tens of MB of resident memory to a JVM.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
BASE_OPTS=("-Xmx$HEAP" -XX:+UseSerialGC)

WORK_DIR="$(mktemp -d -t tipline-start.XXXXXX)"
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

# start_intake JAVA LOGFILE JVM_OPTIONS...: the intake role from $RUN_JAR (from its folder, by its
# bare name, as an archive's class path needs) on $PORT; sets TIPLINE_PID and TIPLINE_STARTED_NS
start_intake() {
  local java_bin="$1" logfile="$2"; shift 2
  TIPLINE_STARTED_NS="$(date +%s%N)"
  (
    cd "$(dirname "$RUN_JAR")"
    # As deployed: the schema is migrated once, by `tipline migrate` below, never by intake.
    BENCH_MIGRATE=false tipline_env
    export TIPLINE_ROLE=intake TIPLINE_OFFICE_PUBLIC_KEYSET="$PUBLIC_KEYSET"
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT"
    export QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MGMT_PORT"
    exec "$java_bin" "$@" -jar "$(basename "$RUN_JAR")"
  ) >"$logfile" 2>&1 &
  TIPLINE_PID=$!
}
# stop_slowly PID SECONDS: TERM, then up to SECONDS for the JVM to exit (it writes its archive
# or assembles its AOT cache on the way out), then KILL
stop_slowly() {
  local i
  kill -TERM "$1" 2>/dev/null || true
  for ((i = 0; i < $2 * 2; i++)); do
    kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }
    sleep 0.5
  done
  log "pid $1 did not exit within $2 s, killing it"
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
# train JAVA LOGFILE ARCHIVE JVM_OPTIONS...: as load.sh's training start: the first tip, 20 more,
# two refusals, a stop; the archive must exist afterwards
train() {
  local java_bin="$1" logfile="$2" archive="$3" i; shift 3
  start_intake "$java_bin" "$logfile" "$@"
  wait_first_tip 120 "$logfile" >/dev/null
  for ((i = 0; i < 20; i++)); do
    curl -s -m 10 -o /dev/null -H 'Content-Type: application/json' \
      --data '{"category":"other","description":"training tip '"$i"'","location":"Elm Street","occurredAt":"2026-11-20"}' \
      "http://127.0.0.1:$PORT/api/v1/tips" || true
  done
  curl -s -m 10 -o /dev/null -H 'Content-Type: application/json' --data '{"category":' "http://127.0.0.1:$PORT/api/v1/tips" || true
  curl -s -m 10 -o /dev/null -H 'Content-Type: text/plain' --data 'a tip' "http://127.0.0.1:$PORT/api/v1/tips" || true
  stop_slowly "$TIPLINE_PID" 300
  TIPLINE_PID=""
  [[ -s "$archive" ]] || { tail -n 30 "$logfile" >&2; die "the training run wrote no archive at $archive"; }
}
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
archive_mb() { mb "$(( $(stat -c %s "$1") / 1024 ))"; }

wait_quiet "$WAIT_QUIET"
IDLE_BUSY_BEFORE="${IDLE_BUSY:-?}"
create_bench_db
PG_MAIN_PID="$(pg_main_pid)"
PORT="$(free_port)" || die "no free port"
MGMT_PORT="$PORT"; while [[ "$MGMT_PORT" == "$PORT" ]]; do MGMT_PORT="$(free_port)" || die "no free port"; done

# The office public keyset for intake, and the schema (migrated once: every timed start finds it).
KEYSET="$WORK_DIR/office-keyset.json"; PUBLIC_KEYSET="$WORK_DIR/office-public.json"
od -An -tx1 -N 24 /dev/urandom | tr -d ' \n' >"$WORK_DIR/passphrase"
cli() { ( cd "$(dirname "$JAR")" && tipline_env && exec timeout 180 java -jar "$(basename "$JAR")" "$@" ); }
cli keys init --keyset "$KEYSET" --passphrase-file "$WORK_DIR/passphrase" --kem x25519 --kdf-memory-kib 1024 \
  --kdf-iterations 1 >"$LOG_DIR/keys.txt" 2>&1 || { cat "$LOG_DIR/keys.txt" >&2; die "keys init failed"; }
cli keys export-public --keyset "$KEYSET" --passphrase-file "$WORK_DIR/passphrase" --out "$PUBLIC_KEYSET" \
  >>"$LOG_DIR/keys.txt" 2>&1 || { cat "$LOG_DIR/keys.txt" >&2; die "keys export-public failed"; }
cli migrate >"$LOG_DIR/migrate.txt" 2>&1 || { cat "$LOG_DIR/migrate.txt" >&2; die "tipline migrate failed"; }

ROWS=""; RESULT=""; FAILED_TARGET=0
for config in $CONFIGS; do
  RUN_JAR="$JAR"
  case "$config" in
    jdk17) JAVA_BIN="$JAVA17"; OPTS=("${BASE_OPTS[@]}"); ARCHIVE_NOTE="the JDK's own CDS archive" ;;
    jdk25) JAVA_BIN="$JAVA25"; OPTS=("${BASE_OPTS[@]}"); ARCHIVE_NOTE="the JDK's own CDS archive" ;;
    jdk17-cds)
      JAVA_BIN="$JAVA17"; ARCHIVE="$WORK_DIR/intake-17.jsa"
      log "$config: training start (-XX:ArchiveClassesAtExit)"
      train "$JAVA_BIN" "$LOG_DIR/train-$config.log" "$ARCHIVE" "${BASE_OPTS[@]}" "-XX:ArchiveClassesAtExit=$ARCHIVE"
      OPTS=("${BASE_OPTS[@]}" -Xshare:on "-XX:SharedArchiveFile=$ARCHIVE")
      ARCHIVE_NOTE="AppCDS trained, $(archive_mb "$ARCHIVE") MB" ;;
    jdk25-aot|jdk25-aotjar)
      JAVA_BIN="$JAVA25"; ARCHIVE="$WORK_DIR/intake-$config.aot"; ARCHIVE_NOTE="AOT cache"
      if [[ "$config" == jdk25-aotjar ]]; then RUN_JAR="$AOT_JAR"; ARCHIVE_NOTE="aot-jar, AOT cache"; fi
      if [[ "$config" == jdk25-aotjar && -n "${AOT_CACHE:-}" ]]; then
        ARCHIVE="$AOT_CACHE"; ARCHIVE_NOTE+=" given"
        log "$config: the given cache $ARCHIVE, no training start"
      else
        log "$config: training start (-XX:AOTCacheOutput; the cache is assembled as the JVM exits)"
        s0=$SECONDS
        train "$JAVA_BIN" "$LOG_DIR/train-$config.log" "$ARCHIVE" "${BASE_OPTS[@]}" "-XX:AOTCacheOutput=$ARCHIVE"
        log "$config: training and assembly took $(( SECONDS - s0 )) s"
        ARCHIVE_NOTE+=" trained"
      fi
      OPTS=("${BASE_OPTS[@]}" -XX:AOTMode=on "-XX:AOTCache=$ARCHIVE")
      ARCHIVE_NOTE+=", $(archive_mb "$ARCHIVE") MB" ;;
  esac
  TIMES=()
  for ((i = 1; i <= STARTS; i++)); do
    sleep 1 # the previous process's port and memory are released
    # shellcheck disable=SC2086 # START_OPTS holds several words on purpose
    start_intake "$JAVA_BIN" "$LOG_DIR/$config-$i.log" "${OPTS[@]}" ${START_OPTS:-}
    ms="$(wait_first_tip 120 "$LOG_DIR/$config-$i.log")"
    TIMES+=("$ms")
    log "$config: start $i: first 201 after $ms ms"
    if (( i < STARTS )); then stop_pid "$TIPLINE_PID" "tipline"; TIPLINE_PID=""; fi
  done
  MEDIAN="$(printf '%s\n' "${TIMES[@]}" | median)"
  MEDIAN="${MEDIAN%.*}"
  log "$config: ${WARMUP}s warm-up, then ${DURATION}s measured, closed loop"
  PORT="$PORT" wrk_tips "warmup-$config" "$WARMUP" "" "" >/dev/null
  LINE="$(wrk_tips "$config" "$DURATION" "" "")"
  RATE="$(rate_of "$LINE")"
  ERR=$(( $(result_field "$LINE" non201) + $(result_field "$LINE" socket_errors) ))
  PEAK="$(peak_rss_mb "$TIPLINE_PID")"
  NOW="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$TIPLINE_PID/status" 2>/dev/null || echo '?')"
  OOM="$(grep -c OutOfMemoryError "$LOG_DIR/$config-$STARTS.log" || true)"
  stop_pid "$TIPLINE_PID" "tipline"; TIPLINE_PID=""
  VERDICT="$(awk -v v="$MEDIAN" -v t="$TARGET_MS" 'BEGIN { print (v + 0 <= t ? "met" : "MISSED") }')"
  [[ "$VERDICT" == met ]] || FAILED_TARGET=$(( FAILED_TARGET + 1 ))
  JDK="$("$JAVA_BIN" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')"
  ROWS+="| $config ($JDK; $ARCHIVE_NOTE) | ${TIMES[*]} | **$MEDIAN** | $VERDICT | $RATE | $ERR | $PEAK / $NOW | $OOM |"$'\n'
  RESULT+=" ${config//-/_}_ms=$MEDIAN ${config//-/_}_tips=$RATE ${config//-/_}_rss_mb=$PEAK"
done

cat <<TABLE

tipline intake start time: $NPROC cores, -Xmx$HEAP -XX:+UseSerialGC, MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; machine busy before the start: $IDLE_BUSY_BEFORE
start: from launching the JVM to the first 201 of a plain tip (proof-of-work off, as the load scripts), $STARTS starts each
load: on the last start, ${WARMUP}s of warm-up, then ${DURATION}s closed loop, $CONNECTIONS connections (bench/tips.lua)

| configuration | starts (ms) | median start to first 201 (ms) | ≤ $TARGET_MS ms | tips/s | errors | RSS peak / now (MB) | OutOfMemoryError |
|---|---|---|---|---|---|---|---|
${ROWS}
TABLE
echo "START_RESULT${RESULT}"
