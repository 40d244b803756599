# lib.sh: what tipline's benchmark scripts share (sourced, not run).
#
# Before sourcing, set BENCH_NAME (for log lines). Provides logging, bounded process
# stops, CPU accounting from /proc (to report how busy the machine and tipline were, and
# how much CPU other work took), free loopback ports, the quiet-machine check, the
# benchmark database on a loopback PostgreSQL server, and starting tipline from its JAR.
# Every wait is bounded.

log() { printf '[%s %s] %s\n' "${BENCH_NAME:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stop_pid() { # stop_pid PID NAME: TERM, wait up to 20 s, then KILL
  local pid="$1" name="$2" i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop in 20 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# CPU accounting from /proc: whole machine (total and idle ticks) and one process.
machine_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6 }' /proc/stat; }
process_ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, v, " "); print v[12] + v[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
busy_percent() { # busy_percent "TOTAL0 IDLE0" "TOTAL1 IDLE1"
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; i = y[2] - x[2];
    printf "%.0f%%", (t > 0 ? 100 * (t - i) / t : 0) }'
}
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
cores_used() { # cores_used TICKS0 TICKS1 SECONDS
  awk -v a="$1" -v b="$2" -v s="$3" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", (s > 0 ? (b - a) / hz / s : 0) }'
}

# Other work on the machine disturbs the numbers, so a measured phase also adds up
# the CPU time of processes that are not part of the benchmark: not tipline, not the
# client, not the PostgreSQL server's processes, not this script and its children,
# not kernel threads. A process's ticks include those of its children that have exited
# (cutime, cstime), so that short-lived processes (a build's compilers, a test's forks)
# are counted through their parent; a process seen before that has exited since is
# taken off again, as its whole time now sits in its parent's count.
proc_snapshot() { # prints "pid ppid ticks" for every process
  local f line rest pid
  local -a v
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    pid="${f#/proc/}"; pid="${pid%/stat}"
    rest="${line##*) }"
    read -r -a v <<<"$rest"
    echo "$pid ${v[1]} $(( v[11] + v[12] + v[13] + v[14] ))"
  done
}
other_cores() { # other_cores SNAP0 SNAP1 SECONDS OUR_PID...: OUR_PIDs and all their descendants are ours
  local s0="$1" s1="$2" secs="$3"; shift 3
  awk -v ours="$* $$ 2" -v hz="$CLK_TCK" -v secs="$secs" '
    BEGIN { n = split(ours, o, " "); for (i = 1; i <= n; i++) mine[o[i]] = 1 }
    function is_ours(p,   depth) {
      for (depth = 0; depth < 32 && p != "" && p != 0; depth++) { if (p in mine) return 1; p = parent[p] }
      return 0
    }
    FNR == NR { before[$1] = $3; parent[$1] = $2; next }
    { seen[$1] = 1; if (!($1 in parent)) parent[$1] = $2; now[$1] = $3 }
    END { for (p in now) if (!is_ours(p)) { d = now[p] - ((p in before) ? before[p] : 0); if (d > 0) t += d }
          for (p in before) if (!(p in seen) && !is_ours(p)) t -= before[p]
          if (t < 0) t = 0; printf "%.2f", t / hz / secs }' "$s0" "$s1"
}
# pg_main_pid: the PostgreSQL server's main process (the checkpointer's parent), 0 if unknown
pids_cores() { # pids_cores SNAP0 SNAP1 SECONDS "PID...": CPU of those processes, in cores
  awk -v list="$4" -v hz="$CLK_TCK" -v secs="$3" '
    BEGIN { n = split(list, l, " "); for (i = 1; i <= n; i++) want[l[i]] = 1 }
    FNR == NR { before[$1] = $3; next }
    ($1 in want) { d = $3 - (($1 in before) ? before[$1] : 0); if (d > 0) t += d }
    END { printf "%.2f", t / hz / secs }' "$1" "$2"
}
family_cores() { # family_cores SNAP0 SNAP1 SECONDS PID: CPU of PID and its children, in cores
  awk -v p="$4" -v hz="$CLK_TCK" -v secs="$3" '
    FNR == NR { before[$1] = $3; parent[$1] = $2; next }
    { seen[$1] = 1 }
    $1 == p || $2 == p { d = $3 - (($1 in before) ? before[$1] : 0); if (d > 0) t += d }
    END { for (q in before) if (!(q in seen) && parent[q] == p) t -= before[q]
          if (t < 0) t = 0; printf "%.2f", t / hz / secs }' "$1" "$2"
}
pg_main_pid() {
  local checkpointer
  checkpointer="$(sql "select pid from pg_stat_activity where backend_type = 'checkpointer'" 2>/dev/null || true)"
  awk '{ s = $0; sub(/.*\) /, "", s); split(s, v, " "); print v[2] }' "/proc/$checkpointer/stat" 2>/dev/null || echo 0
}
other_top() { # other_top SNAP0 SNAP1 OUR_PID...: the 3 busiest other processes, "ticks, pid, name"
  local s0="$1" s1="$2"; shift 2
  awk -v ours="$* $$ 2" '
    BEGIN { n = split(ours, o, " "); for (i = 1; i <= n; i++) mine[o[i]] = 1 }
    FNR == NR { before[$1] = $3; next }
    !($1 in mine) && !($2 in mine) { d = $3 - (($1 in before) ? before[$1] : 0); if (d > 0) print d, $1 }' "$s0" "$s1" \
    | sort -rn | head -n 3 | while read -r d pid; do
        printf '%s ticks, pid %s: %s\n' "$d" "$pid" "$(cat "/proc/$pid/comm" 2>/dev/null || echo '?')"
      done
}
NPROC="$(nproc 2>/dev/null || echo '?')"

# Runs a load generator in the background and waits for it, so that the trap can
# stop it at once on Ctrl-C or TERM.
run_load() { # run_load OUTFILE CMD...
  local out="$1"; shift
  "$@" >"$out" 2>&1 &
  LOAD_PID=$!
  local rc=0
  wait "$LOAD_PID" || rc=$?
  LOAD_PID=""
  return "$rc"
}

free_port() { # a loopback TCP port nobody listens on, from a bounded scan below the ephemeral range
  # (ports the kernel hands to outgoing connections, such as the load generators' own, are
  # never chosen, so a port that is free now is not taken by a client a moment later)
  local low high start i p
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  (( low > 12000 )) || low=32768
  start=$(( 10000 + RANDOM % (low - 10000 - 400) ))
  for ((i = 0; i < 200; i++)); do
    p=$(( start + i ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  return 1
}

wait_quiet() { # wait_quiet MAX_SECONDS: wait for a 3-second window under 20 % busy; sets IDLE_BUSY
  local deadline=$(( SECONDS + $1 )) m0
  while :; do
    m0="$(machine_ticks)"; sleep 3
    IDLE_BUSY="$(busy_percent "$m0" "$(machine_ticks)")"
    (( ${IDLE_BUSY%\%} > 20 && SECONDS < deadline )) || break
    log "machine ${IDLE_BUSY} busy, waiting for it to be quiet (up to $(( deadline - SECONDS )) s more)"
    sleep 2
  done
  if (( ${IDLE_BUSY%\%} > 20 )); then
    log "WARNING: the machine is already ${IDLE_BUSY} busy before the benchmark; other work will lower the numbers"
    ps -eo pcpu,comm --sort=-pcpu | head -n 6 >&2 || true
  fi
}

check_pg_settings() { # refuses a non-loopback server or an unsafe database name
  case "$PGHOST" in
    127.*|localhost|::1) ;;
    *) die "PGHOST must be a loopback address (127.x.x.x, localhost or ::1), got '$PGHOST'" ;;
  esac
  [[ "$BENCH_DB" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "BENCH_DB must be a plain lower-case name"
  case "$BENCH_DB" in
    postgres|template0|template1|test) die "refusing to drop and recreate database '$BENCH_DB'" ;;
  esac
}

create_bench_db() { # drops and recreates $BENCH_DB with synchronous_commit on; makes tipline's group roles
  psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
set client_min_messages = warning;
drop database if exists $BENCH_DB with (force);
create database $BENCH_DB;
alter database $BENCH_DB set synchronous_commit = on;
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = 'tipline_intake') then create role tipline_intake; end if;
  if not exists (select 1 from pg_roles where rolname = 'tipline_review') then create role tipline_review; end if;
end \$\$;
SQL
}
drop_bench_db() {
  psql -X -q -d postgres -c "drop database if exists $BENCH_DB with (force)" >/dev/null 2>&1 \
    || log "could not drop database $BENCH_DB"
}
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "$1"; }

# tipline_env: exports tipline's data folder and database settings ($WORK_DIR, $BENCH_DB on
# $PGHOST:$PGPORT as $PGUSER), for the service and for its command-line tools alike.
tipline_env() {
  export TIPLINE_DATA_DIR="$WORK_DIR/tipline-data"
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$BENCH_DB"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB"
  export QUARKUS_DATASOURCE_USERNAME="$PGUSER"
  export QUARKUS_DATASOURCE_PASSWORD=""
  # A benchmark, not a deployment: tipline serves as the server's superuser, which also
  # migrates the schema at start (a deployment runs `tipline migrate` as the owner instead).
  # A script sets BENCH_MIGRATE=false for a process that must start as a deployed one does,
  # on a schema that is there already.
  export QUARKUS_FLYWAY_MIGRATE_AT_START="${BENCH_MIGRATE:-true}"
  # The load scripts post tips and sign in without solving proofs-of-work, so these measure
  # intake without that check (bench/pow.sh measures the check itself). Set them to true to
  # see the refusals instead.
  export TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS="${TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS:-false}"
  export TIPLINE_PROOF_OF_WORK_SIGNINS="${TIPLINE_PROOF_OF_WORK_SIGNINS:-false}"
}

# start_tipline LOGFILE JAVA_OPTIONS...: starts the JAR against $BENCH_DB on $PORT (and
# $MGMT_PORT), data folder under $WORK_DIR; sets TIPLINE_PID and TIPLINE_STARTED_NS.
start_tipline() {
  local logfile="$1"; shift
  TIPLINE_STARTED_NS="$(date +%s%N)"
  (
    # From the JAR's folder, by its bare name: an AppCDS archive (app-cds.jsa beside the
    # JAR, -XX:SharedArchiveFile=app-cds.jsa) only loads with the class path it was made with.
    cd "$(dirname "$JAR")"
    tipline_env
    export QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_HTTP_PORT="$PORT"
    export QUARKUS_MANAGEMENT_HOST=127.0.0.1
    export QUARKUS_MANAGEMENT_PORT="$MGMT_PORT"
    exec java "$@" -jar "$(basename "$JAR")"
  ) >"$logfile" 2>&1 &
  TIPLINE_PID=$!
}

# wait_first_tip SECONDS LOGFILE: posts a tip every 20 ms until one gets 201; prints the
# milliseconds from TIPLINE_STARTED_NS to that 201.
wait_first_tip() {
  local limit="$1" logfile="$2" deadline status
  deadline=$(( $(date +%s) + limit ))
  while (( $(date +%s) < deadline )); do
    kill -0 "$TIPLINE_PID" 2>/dev/null || { tail -n 30 "$logfile" >&2; die "tipline exited during start-up"; }
    status="$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      --data '{"category":"other","description":"first tip after start"}' "http://127.0.0.1:$PORT/api/v1/tips" 2>/dev/null)" \
      || status=000
    if [[ "$status" == 201 ]]; then
      echo $(( ($(date +%s%N) - TIPLINE_STARTED_NS) / 1000000 ))
      return 0
    fi
    sleep 0.02
  done
  tail -n 30 "$logfile" >&2
  die "no 201 within $limit s of starting tipline"
}

peak_rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

# wait_ready SECONDS LOGFILE [PID MGMT_PORT NAME]: waits until /q/health/ready answers UP, for
# $TIPLINE_PID on $MGMT_PORT unless another process, its management port and its name are given.
wait_ready() {
  local i pid="${3:-$TIPLINE_PID}" port="${4:-$MGMT_PORT}" name="${5:-tipline}"
  for ((i = 0; i < $1 * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$2" >&2; die "$name exited during start-up"; }
    if curl -fsS -m 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    sleep 0.5
  done
  tail -n 30 "$2" >&2
  die "$name not ready after $1 s"
}

# tipline_cli ARGS...: tipline's command line (from $JAR) against the benchmark database.
tipline_cli() {
  ( cd "$(dirname "$JAR")" && tipline_env && exec java -jar "$(basename "$JAR")" "$@" )
}

# trusted_channel NAME: creates a channel that skips proof-of-work, waits until intake takes
# its key (intake reads the channels every 5 s), and prints the key.
trusted_channel() {
  local key i
  key="$(tipline_cli channels add --name "$1" --no-proof-of-work 2>>"$LOG_DIR/cli.err" | tail -n 1)"
  [[ "$key" == tlc_* ]] || { cat "$LOG_DIR/cli.err" >&2; die "could not create the channel $1"; }
  for ((i = 0; i < 40; i++)); do
    [[ "$(curl -sS -m 15 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Tipline-Channel-Key: $key" \
      --data '{"category":"other","description":"channel check"}' "http://127.0.0.1:$PORT/api/v1/tips" 2>/dev/null)" == 201 ]] \
      && { echo "$key"; return 0; }
    sleep 0.5
  done
  die "intake did not take the key of channel $1 within 20 s"
}

# wrk_tips LABEL SECONDS CHANNEL_KEY PROOFS_FILE [BODIES_FILE PATH]: a closed-loop wrk run
# with bench/tips.lua ($THREADS threads, $CONNECTIONS connections); prints its BENCH_RESULT
# line followed by other_cores=N, the CPU other processes than tipline, wrk and PostgreSQL
# ($PG_MAIN_PID) took during the run.
wrk_tips() {
  local out="$LOG_DIR/wrk-$1.txt" s0=$SECONDS
  proc_snapshot >"$WORK_DIR/procs0"
  TIPLINE_CHANNEL_KEY="$3" TIPLINE_PROOFS="$4" TIPLINE_BODIES="${5:-}" TIPLINE_PATH="${6:-/api/v1/tips}" \
    TIPLINE_WRK_THREADS="$THREADS" run_load "$out" wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 20s \
    --latency -s "$(dirname "${BASH_SOURCE[0]}")/tips.lua" "http://127.0.0.1:$PORT" \
    || { cat "$out" >&2; die "wrk failed ($1)"; }
  proc_snapshot >"$WORK_DIR/procs1"
  echo "$(grep '^BENCH_RESULT ' "$out" | tail -n 1) other_cores=$(other_cores "$WORK_DIR/procs0" "$WORK_DIR/procs1" \
    $(( SECONDS - s0 > 0 ? SECONDS - s0 : 1 )) "$PG_MAIN_PID")"
}
result_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; } # result_field LINE NAME
rate_of() { # rate_of BENCH_RESULT_LINE: 201 answers a second
  awk -v n="$(result_field "$1" created)" -v us="$(result_field "$1" duration_us)" 'BEGIN { printf "%.1f", n / (us / 1e6) }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# pgbench_insert_script BYTES FORMAT_VERSION: creates bench_tip (like the tip table) and writes
# $WORK_DIR/insert.sql, one tip-shaped row a transaction with BYTES random bytes of ciphertext,
# then checkpoints: the database's own ceiling for rows of a tip's size.
pgbench_insert_script() {
  local hex
  sql "create table bench_tip (like tip including all)"
  hex="$(od -An -v -tx1 -N "$1" /dev/urandom | tr -d ' \n')"
  cat >"$WORK_DIR/insert.sql" <<SQL
\\set cat random(1, 7)
insert into bench_tip (id, reference, category, status, received_at, key_id, format_version, ciphertext) values (gen_random_uuid(), 'TIP-' || upper(substr(md5(random()::text), 1, 19)), (array['drugs','violence','theft','fraud','wanted-person','missing-person','other'])[:cat], 'new', date_trunc('hour', now()), 1, $2, '\\x$hex'::bytea);
SQL
  sql "checkpoint" >/dev/null 2>&1 || true
}

# run_pgbench: $WORK_DIR/insert.sql for $DURATION s, $CONNECTIONS clients, $THREADS jobs, output in
# $LOG_DIR/pgbench.txt; then sets PG_TPS (without the initial connection time).
run_pgbench() {
  run_load "$LOG_DIR/pgbench.txt" \
    pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f "$WORK_DIR/insert.sql" "$BENCH_DB" \
    || { cat "$LOG_DIR/pgbench.txt" >&2; die "pgbench failed"; }
  PG_TPS="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$LOG_DIR/pgbench.txt" | head -n 1)"
  [[ -n "$PG_TPS" ]] || PG_TPS="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$LOG_DIR/pgbench.txt" | tail -n 1)"
  [[ -n "$PG_TPS" ]] || die "no tps in pgbench's output"
}
