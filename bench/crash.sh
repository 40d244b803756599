#!/usr/bin/env bash
# crash.sh: tipline fault benchmark. Promise under test: nothing acknowledged is ever lost.
#
# A 201 from POST /api/v1/tips says the tip is committed (synchronous_commit=on). This
# script checks that promise by crashing things under load:
#   1. create a PostgreSQL cluster of its own in a temporary folder (initdb, trust auth,
#      127.0.0.1 only, a free port, fsync=on, synchronous_commit=on, full_page_writes=on)
#      and start it with pg_ctl;
#   2. start tipline from the JAR (all-in-one role, demo office keys in a temporary
#      TIPLINE_DATA_DIR) against it, on free loopback ports;
#   3. run $ROUNDS rounds. In each, $CLIENTS client threads (bench/crash_clients.py load)
#      post realistic tips as fast as tipline answers and write every reference they got
#      a 201 for to disk at once. At a random moment ($FAULT_MIN..$FAULT_MAX s into the
#      round) the script either kills tipline with kill -9 (odd rounds) or stops
#      PostgreSQL with `pg_ctl stop -m immediate` (even rounds), keeps the load running
#      for $OUTAGE s of outage, restarts what it stopped, waits (at most $RECOVER_TIMEOUT s)
#      until a probe tip gets 201 again, keeps the load $AFTER s more, then stops the clients;
#   4. at the end stops both cleanly and starts them again, checks with psql that no tip
#      row is half-written and that every acknowledged reference has a row, creates a
#      coordinator account (`java -jar $JAR reviewers add`), logs in with TOTP and reads
#      every tip decrypted through GET /api/v1/review/tips/contents (paging by cursor),
#      checking that each acknowledged tip is there, decrypts, and holds what was sent;
#   5. prints one line per round and the totals: acknowledged, found, lost, refused (503),
#      connection refused, cut, other. Exit status 1 if anything acknowledged is lost,
#      any row is half-written, or any answer was "other" (500, another status, a hang).
# tipline, the clients and the cluster are stopped and the temporary folders removed on
# every exit (trap), also after an error or Ctrl-C.
#
# Usage (from anywhere; the JAR is not built by this script):
#   ./mvnw -B package -DskipTests        # once, in the project folder
#   bash bench/crash.sh
#   ROUNDS=4 bash bench/crash.sh         # a quick try
#
# Environment (all optional):
#   JAR              tipline runner JAR (default: <project>/target/quarkus-app/quarkus-run.jar)
#   ROUNDS           rounds, alternating kill -9 of tipline and immediate stop of PostgreSQL (default 20)
#   CLIENTS          concurrent client threads posting tips (default 8)
#   FAULT_MIN, FAULT_MAX  the fault comes at a random moment between these seconds into a round (default 1, 4)
#   OUTAGE           seconds the load runs against the outage before the restart (default 2)
#   AFTER            seconds of load after tipline answers again (default 1)
#   REQUEST_TIMEOUT  seconds a client waits for one answer; more counts as "other" (default 15:
#                    tipline gives up on the database after 10 s and answers 503)
#   RECOVER_TIMEOUT  seconds tipline may take to answer 201 again after a restart (default 90)
#   SEED             seed for the fault moments and the tips (default: random, printed)
#   PG_BIN           PostgreSQL server binaries (default /usr/lib/postgresql/15/bin)
#   PG_OS_USER       when run as root: the OS user that runs the cluster (default postgres)
#   SELF_TEST=1      check the checker: before reading back, delete one acknowledged tip's row and
#                    flip a byte in another's ciphertext; the run must then report 2 lost and fail
#   LOG_DIR          keep tipline's and PostgreSQL's logs and the acknowledged references there
#                    (default: a temp folder, removed)
#   JAVA_OPTS        extra JVM options for tipline
#
# Needs: java 17+, PostgreSQL server binaries (initdb, pg_ctl, postgres) and psql, python3
# (standard library only), timeout, od; as root also runuser. All traffic goes to 127.0.0.1; every wait and
# loop is bounded.

set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
ROUNDS="${ROUNDS:-20}"
CLIENTS="${CLIENTS:-8}"
FAULT_MIN="${FAULT_MIN:-1}"
FAULT_MAX="${FAULT_MAX:-4}"
OUTAGE="${OUTAGE:-2}"
AFTER="${AFTER:-1}"
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-15}"
RECOVER_TIMEOUT="${RECOVER_TIMEOUT:-90}"
SEED="${SEED:-$(( (RANDOM << 15) | RANDOM ))}"
SELF_TEST="${SELF_TEST:-0}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_OS_USER="${PG_OS_USER:-postgres}"
CLIENT="$SCRIPT_DIR/crash_clients.py"
DB_NAME=tipline_crash
DB_USER=postgres
READY_TIMEOUT=120     # seconds for the first start of tipline
ACCOUNT_TIMEOUT=120   # seconds `reviewers add` may take
VERIFY_TIMEOUT=900    # seconds reading everything back may take
REVIEWER=crashcheck

BENCH_NAME=crash.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"


# ---- checks -----------------------------------------------------------------
for n in ROUNDS CLIENTS FAULT_MIN FAULT_MAX OUTAGE AFTER REQUEST_TIMEOUT RECOVER_TIMEOUT SEED SELF_TEST; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( ROUNDS >= 1 && ROUNDS <= 200 )) || die "ROUNDS must be 1..200"
(( CLIENTS >= 1 && CLIENTS <= 64 )) || die "CLIENTS must be 1..64"
(( FAULT_MIN <= FAULT_MAX && FAULT_MAX <= 60 )) || die "need FAULT_MIN <= FAULT_MAX <= 60"
(( OUTAGE <= 60 && AFTER <= 60 )) || die "OUTAGE and AFTER must be at most 60 seconds"
(( REQUEST_TIMEOUT >= 1 && REQUEST_TIMEOUT <= 120 )) || die "REQUEST_TIMEOUT must be 1..120"
(( RECOVER_TIMEOUT >= 5 && RECOVER_TIMEOUT <= 600 )) || die "RECOVER_TIMEOUT must be 5..600"
for tool in java python3 psql timeout od; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
for tool in initdb pg_ctl postgres; do
  [[ -x "$PG_BIN/$tool" ]] || die "no $tool in $PG_BIN (set PG_BIN)"
done
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"
[[ -f "$CLIENT" ]] || die "missing $CLIENT"
RANDOM=$SEED   # the fault moments follow from the seed

# PostgreSQL refuses to run as root: then the cluster belongs to $PG_OS_USER.
as_pg() {
  if (( EUID == 0 )); then
    (cd "$PG_DIR" && exec runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}
if (( EUID == 0 )); then
  id "$PG_OS_USER" >/dev/null 2>&1 || die "running as root: PG_OS_USER '$PG_OS_USER' does not exist"
  command -v runuser >/dev/null 2>&1 || die "running as root: runuser not found"
fi

# ---- work folders and cleanup -------------------------------------------------
# WORK_DIR: tipline's data folder (demo keys), the account's password, the references.
# PG_DIR: the cluster and its log, owned by the user who runs PostgreSQL.
WORK_DIR="$(mktemp -d -t tipline-crash.XXXXXX)"
PG_DIR="$(mktemp -d -t tipline-crash-pg.XXXXXX)"
(( EUID == 0 )) && chown "$PG_OS_USER" "$PG_DIR"
PGDATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgresql.log"
if [[ -n "${LOG_DIR:-}" ]]; then
  mkdir -p "$LOG_DIR"
  LOG_DIR="$(cd "$LOG_DIR" && pwd)"
else
  LOG_DIR="$WORK_DIR/logs"
  mkdir -p "$LOG_DIR"
fi
TIPLINE_LOG="$LOG_DIR/tipline.log"
ACKS_DIR="$LOG_DIR/acks"   # one file of acknowledged references per round
mkdir -p "$ACKS_DIR" "$WORK_DIR/stats"
TIPLINE_PID=""
CLIENTS_PID=""
PG_STARTED=0


pg_stop() { # pg_stop MODE: stop our cluster (fast or immediate), bounded by pg_ctl's -t
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m "$1" -w -t 60 stop >/dev/null
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$CLIENTS_PID" "clients"
  stop_pid "$TIPLINE_PID" "tipline"
  if [[ -f "$PGDATA/postmaster.pid" ]]; then
    if ! pg_stop fast 2>/dev/null; then
      # pg_ctl failed: end the server we started, by the pid it wrote.
      local pm
      pm="$(head -n 1 "$PGDATA/postmaster.pid" 2>/dev/null || true)"
      if [[ "$pm" =~ ^[0-9]+$ && "$(cat "/proc/$pm/comm" 2>/dev/null)" == postgres ]]; then
        kill -QUIT "$pm" 2>/dev/null || true
      fi
    fi
  fi
  [[ -f "$PG_LOG" && "$LOG_DIR" != "$WORK_DIR/logs" ]] && cp "$PG_LOG" "$LOG_DIR/" 2>/dev/null || true
  rm -rf "$WORK_DIR" "$PG_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Three distinct free ports: PostgreSQL, tipline's API, tipline's management interface.
PG_PORT="$(free_port)" || die "no free port found"
PORT="$PG_PORT"; MGMT_PORT="$PG_PORT"
for ((i = 0; i < 20 && PORT == PG_PORT; i++)); do PORT="$(free_port)" || die "no free port found"; done
for ((i = 0; i < 20 && (MGMT_PORT == PG_PORT || MGMT_PORT == PORT); i++)); do
  MGMT_PORT="$(free_port)" || die "no free port found"
done
(( PORT != PG_PORT && MGMT_PORT != PG_PORT && MGMT_PORT != PORT )) || die "no three distinct free ports found"

sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -c "$1"; }

# ---- 1. the cluster ---------------------------------------------------------------
log "creating a PostgreSQL cluster in $PGDATA (port $PG_PORT)"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U "$DB_USER" --auth=trust -E UTF8 --no-locale >"$WORK_DIR/initdb.log" 2>&1 \
  || { cat "$WORK_DIR/initdb.log" >&2; die "initdb failed"; }
# Durability settings stated explicitly (they are PostgreSQL's defaults too); loopback TCP
# only, no Unix socket.
cat >>"$PGDATA/postgresql.conf" <<CONF

# ---- bench/crash.sh ----
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 60
CONF
pg_start() { # start the cluster and wait until it takes connections (recovery included), at most 60 s
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 start >/dev/null
}
pg_start || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
PG_STARTED=1
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres \
  -c "create database $DB_NAME" -c "create role tipline_intake" -c "create role tipline_review" >/dev/null
SERVER_VERSION="$(sql "show server_version")"
DURABILITY="$(sql "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings
                   where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method')")"
[[ "$DURABILITY" == *"fsync=on"* && "$DURABILITY" == *"synchronous_commit=on"* \
   && "$DURABILITY" == *"full_page_writes=on"* ]] || die "unexpected settings: $DURABILITY"
log "PostgreSQL $SERVER_VERSION: $DURABILITY"

# ---- 2. tipline -------------------------------------------------------------------
# tipline's settings, for the service and for the `reviewers add` command alike.
tipline_env() {
  export TIPLINE_DATA_DIR="$WORK_DIR/tipline-data"
  export QUARKUS_HTTP_HOST=127.0.0.1
  export QUARKUS_HTTP_PORT="$PORT"
  export QUARKUS_MANAGEMENT_HOST=127.0.0.1
  export QUARKUS_MANAGEMENT_PORT="$MGMT_PORT"
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/$DB_NAME"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME"
  export QUARKUS_DATASOURCE_USERNAME="$DB_USER"
  export QUARKUS_DATASOURCE_PASSWORD=""
  # A benchmark, not a deployment: tipline serves as the cluster's superuser, which also
  # migrates the schema at start (a deployment runs `tipline migrate` as the owner instead).
  export QUARKUS_FLYWAY_MIGRATE_AT_START=true
  # The clients post keyless tips without solving proofs-of-work (as lib.sh's scripts do): the
  # promise under test is durability, not the proof's check.
  export TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS=false
}
start_tipline() { # starts tipline in the background; its log is appended to
  echo "==== start $(date +%H:%M:%S) ====" >>"$TIPLINE_LOG"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  ( cd "$WORK_DIR" && tipline_env && exec java ${JAVA_OPTS:-} -jar "$JAR" ) >>"$TIPLINE_LOG" 2>&1 &
  TIPLINE_PID=$!
}
# Waits until one probe tip gets 201, at most SECONDS. The probe's tip is kept and checked
# like any other (acks in round-NAME.tsv), its answers are counted with the round's.
wait_for_201() { # wait_for_201 SECONDS ROUND_NUMBER NAME
  python3 "$CLIENT" probe --port "$PORT" --timeout "$REQUEST_TIMEOUT" --deadline "$1" \
    --acks "$ACKS_DIR/round-$3.tsv" --stats "$WORK_DIR/stats/round-$3-probe.json" --round "$2" >/dev/null
}
tipline_alive() { [[ -n "$TIPLINE_PID" ]] && kill -0 "$TIPLINE_PID" 2>/dev/null; }

log "starting tipline on http://127.0.0.1:$PORT (management $MGMT_PORT; log: $TIPLINE_LOG)"
start_tipline
wait_for_201 "$READY_TIMEOUT" 0 start \
  || { tail -n 30 "$TIPLINE_LOG" >&2; die "tipline did not take a tip within $READY_TIMEOUT s"; }
log "tipline takes tips"

# ---- 3. the rounds ----------------------------------------------------------------------
stop_clients() { # SIGTERM: the clients finish the request in flight and write their counts
  local i
  kill -TERM "$CLIENTS_PID" 2>/dev/null || true
  for ((i = 0; i < (REQUEST_TIMEOUT + 10) * 10; i++)); do
    kill -0 "$CLIENTS_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$CLIENTS_PID" 2>/dev/null; then
    log "clients did not stop in $(( REQUEST_TIMEOUT + 10 )) s, killing them"
    kill -KILL "$CLIENTS_PID" 2>/dev/null || true
  fi
  wait "$CLIENTS_PID" 2>/dev/null || true
  CLIENTS_PID=""
}
decimal() { awk -v t="$1" 'BEGIN { printf "%.1f", t / 10 }'; }  # tenths of a second -> "1.7"
now_ms() { date +%s%3N; }

T_ACKED=0; T_REFUSED=0; T_CONNREFUSED=0; T_CUT=0; T_OTHER=0
ROUND_LINES=()
RUN_START=$SECONDS
LOAD_BEFORE="$(cut -d ' ' -f 1-3 /proc/loadavg)"
log "$ROUNDS rounds, $CLIENTS clients, fault $FAULT_MIN..$FAULT_MAX s into each round, outage $OUTAGE s, seed $SEED"
for ((round = 1; round <= ROUNDS; round++)); do
  if (( round % 2 == 1 )); then fault=app; else fault=db; fi
  # A random moment between FAULT_MIN and FAULT_MAX seconds, in tenths.
  fault_at=$(( FAULT_MIN * 10 + RANDOM % ((FAULT_MAX - FAULT_MIN) * 10 + 1) ))
  python3 "$CLIENT" load --port "$PORT" --clients "$CLIENTS" --timeout "$REQUEST_TIMEOUT" \
    --max-seconds $(( FAULT_MAX + OUTAGE + RECOVER_TIMEOUT + AFTER + 30 )) --seed $(( SEED + round )) \
    --acks "$ACKS_DIR/round-$round.tsv" --stats "$WORK_DIR/stats/round-$round-load.json" --round "$round" &
  CLIENTS_PID=$!
  sleep "$(decimal "$fault_at")"

  # The fault, then $OUTAGE seconds of load against it.
  if [[ "$fault" == app ]]; then
    kill -KILL "$TIPLINE_PID"
    wait "$TIPLINE_PID" 2>/dev/null || true
    TIPLINE_PID=""
    what="kill -9 tipline"
  else
    pg_stop immediate || die "pg_ctl stop -m immediate failed"
    what="pg_ctl stop -m immediate"
  fi
  down_ms=$(now_ms)
  sleep "$OUTAGE"

  # Restart what was stopped; wait until a tip gets 201 again.
  if [[ "$fault" == app ]]; then
    start_tipline
  else
    pg_start || { tail -n 20 "$PG_LOG" >&2; die "round $round: PostgreSQL did not start again"; }
  fi
  if ! wait_for_201 "$RECOVER_TIMEOUT" "$round" "$round"; then
    tipline_alive || log "tipline is not running"
    tail -n 30 "$TIPLINE_LOG" >&2
    die "round $round: no 201 within $RECOVER_TIMEOUT s of restarting after $what"
  fi
  back_ms=$(now_ms)
  sleep "$AFTER"
  stop_clients

  # This round's counts (load and probe together).
  read -r acked refused connrefused cut other detail < <(
    python3 "$CLIENT" tally "$WORK_DIR"/stats/round-"$round"-*.json | sed 's/[a-z]*=//g')
  detail="${detail#\'}"; detail="${detail%\'}"
  if [[ "$fault" == db ]]; then
    # tipline was never killed in this round: a connection cut without an answer is a fault.
    other=$(( other + cut ))
  fi
  (( T_ACKED += acked, T_REFUSED += refused, T_CONNREFUSED += connrefused, T_CUT += cut, T_OTHER += other )) || true
  line="$(printf 'round %2d  %-26s at %4ss  back after %5ss | 201 %5d | 503 %4d | conn-refused %4d | cut %3d | other %2d' \
    "$round" "$what" "$(decimal "$fault_at")" "$(awk -v a="$down_ms" -v b="$back_ms" 'BEGIN { printf "%.1f", (b - a) / 1000 }')" \
    "$acked" "$refused" "$connrefused" "$cut" "$other")"
  [[ -n "$detail" ]] && line+="  ($detail)"
  ROUND_LINES+=("$line")
  echo "$line"
done
ROUNDS_SECONDS=$(( SECONDS - RUN_START ))

# ---- 4. clean restart and reading everything back ----------------------------------------
log "rounds done in ${ROUNDS_SECONDS}s; stopping tipline and PostgreSQL cleanly, starting both again"
stop_pid "$TIPLINE_PID" "tipline"
TIPLINE_PID=""
pg_stop fast || die "pg_ctl stop -m fast failed"
pg_start || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start for the check"; }
start_tipline
wait_for_201 "$READY_TIMEOUT" $(( ROUNDS + 1 )) final \
  || { tail -n 30 "$TIPLINE_LOG" >&2; die "tipline did not take a tip after the clean restart"; }
# The first and the final probe tips are acknowledged too, and checked with the rest. Their
# other answers (connection refused while tipline starts) are not part of any round, but
# an "other" there counts like one in a round.
ACK_FILES=("$ACKS_DIR"/round-*.tsv)
read -r _ _ _ _ START_OTHER START_DETAIL < <(
  python3 "$CLIENT" tally "$WORK_DIR/stats/round-start-probe.json" "$WORK_DIR/stats/round-final-probe.json" \
  | sed 's/[a-z]*=//g')
START_DETAIL="${START_DETAIL#\'}"; START_DETAIL="${START_DETAIL%\'}"
(( T_OTHER += START_OTHER )) || true

if (( SELF_TEST == 1 )); then
  # Damage two acknowledged tips on purpose: the checks below must find both.
  GONE="$(head -n 1 "$ACKS_DIR/round-1.tsv" | cut -f1)"
  BROKEN="$(sed -n 2p "$ACKS_DIR/round-1.tsv" | cut -f1)"
  [[ "$GONE" =~ ^TIP-[A-Z0-9-]+$ && "$BROKEN" =~ ^TIP-[A-Z0-9-]+$ ]] || die "SELF_TEST: round 1 has fewer than 2 references"
  sql "delete from tip where reference = '$GONE'" >/dev/null
  sql "update tip set ciphertext = set_byte(ciphertext, 40, get_byte(ciphertext, 40) # 255)
       where reference = '$BROKEN'" >/dev/null
  log "SELF_TEST: deleted the row of $GONE, flipped a ciphertext byte of $BROKEN; expect lost 2 and FAIL"
fi
ROWS="$(sql "select count(*) from tip")"
# A half-written row: a tip without its sealed content or its follow-up credentials.
HALF="$(sql "select count(*) from tip t left join tip_dialogue d on d.tip_id = t.id where t.ciphertext is null
             or d.tip_id is null or d.tipster_verifier is null or d.tipster_key is null")"
# Independent of the review API: every acknowledged reference has a row.
cut -f1 "${ACK_FILES[@]}" >"$WORK_DIR/acked-references"
SQL_MISSING="$(psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" <<SQL
create temp table acked (reference text);
\\copy acked from '$WORK_DIR/acked-references'
select count(*) from acked a where not exists (select 1 from tip t where t.reference = a.reference);
SQL
)"
log "tip rows: $ROWS; half-written rows: $HALF; acknowledged references without a row (SQL): $SQL_MISSING"

printf '%s\n' "crash-$(od -An -vtx1 -N 12 /dev/urandom | tr -d ' \n')" >"$WORK_DIR/password"
chmod 600 "$WORK_DIR/password"
log "creating the coordinator account '$REVIEWER' with 'reviewers add'"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
if ! ( cd "$WORK_DIR" && tipline_env && exec timeout "$ACCOUNT_TIMEOUT" java ${JAVA_OPTS:-} -jar "$JAR" reviewers add \
       --username "$REVIEWER" --role coordinator --program default --password-file "$WORK_DIR/password" ) \
     >"$WORK_DIR/account.txt" 2>"$WORK_DIR/reviewers-add.err"; then
  cat "$WORK_DIR/reviewers-add.err" >&2
  die "reviewers add failed"
fi
grep -o 'otpauth://[^[:space:]]*' "$WORK_DIR/account.txt" | head -n 1 >"$WORK_DIR/otpauth" || true
[[ -s "$WORK_DIR/otpauth" ]] || die "reviewers add printed no otpauth:// URI"
chmod 600 "$WORK_DIR/otpauth"

log "reading all $ROWS tips back decrypted (GET /api/v1/review/tips/contents, by cursor)"
VERIFY_START=$SECONDS
VERIFY="$(timeout "$VERIFY_TIMEOUT" python3 "$CLIENT" verify --port "$PORT" --username "$REVIEWER" \
  --password-file "$WORK_DIR/password" --otpauth-file "$WORK_DIR/otpauth" --rows "$ROWS" "${ACK_FILES[@]}")" \
  || die "reading the tips back failed"
log "read back in $(( SECONDS - VERIFY_START ))s: $VERIFY"
v() { sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" <<<"$VERIFY"; }
READ="$(v read)"; ACKED="$(v acked)"; FOUND="$(v found)"; MISSING="$(v missing)"
UNDECRYPTABLE="$(v undecryptable)"; DIFFERENT="$(v different)"; DUPLICATES="$(v duplicates)"
LOST=$(( ACKED - FOUND ))
WARNS="$(grep -cE '^[0-9-]+ [0-9:,.]+ +(WARN|ERROR)' "$TIPLINE_LOG" || true)"
ERRORS="$(grep -cE '^[0-9-]+ [0-9:,.]+ +ERROR' "$TIPLINE_LOG" || true)"

# ---- 5. results ------------------------------------------------------------------------------
cat <<EOF

tipline fault benchmark: $ROUNDS rounds (odd: kill -9 tipline, even: pg_ctl stop -m immediate), $CLIENTS clients
PostgreSQL $SERVER_VERSION, own cluster on 127.0.0.1:$PG_PORT ($DURABILITY); seed $SEED
fault $FAULT_MIN..$FAULT_MAX s into each round, outage $OUTAGE s, $AFTER s of load after recovery, request timeout $REQUEST_TIMEOUT s
machine: $(nproc) cores, load average $LOAD_BEFORE before the rounds, $(cut -d ' ' -f 1-3 /proc/loadavg) at the end

EOF
printf '%s\n' "${ROUND_LINES[@]}"
echo "start and final probes: other $START_OTHER  ($START_DETAIL)"
cat <<EOF

| count | value |
|---|---|
| acknowledged (201, unique references) | $ACKED |
| found (row there, decrypts, same category and text) | $FOUND |
| lost | $LOST (missing $MISSING, undecryptable $UNDECRYPTABLE, different $DIFFERENT) |
| refused (503 problem+json with Retry-After) | $T_REFUSED |
| connection refused (tipline not running) | $T_CONNREFUSED |
| cut (connection closed without an answer by kill -9) | $T_CUT |
| other (500, other status, hang, cut in a database round) | $T_OTHER |
| tip rows / read back decrypted | $ROWS / $READ |
| half-written rows | $HALF |
| acknowledged references without a row (SQL) | $SQL_MISSING |
| duplicate references among the 201s | $DUPLICATES |
| tipline log WARN+ERROR / ERROR lines | $WARNS / $ERRORS |
| duration: rounds / whole run | ${ROUNDS_SECONDS}s / ${SECONDS}s |
EOF
(( ACKED == T_ACKED + 2 - DUPLICATES )) \
  || echo "note: clients counted $T_ACKED 201s in the rounds (plus 2 probe tips at the start and end), $ACKED unique references"
if (( ERRORS > 0 )); then
  echo
  echo "tipline ERROR lines (first 5):"
  grep -E '^[0-9-]+ [0-9:,.]+ +ERROR' "$TIPLINE_LOG" | head -n 5
fi

STATUS=0
(( LOST == 0 && SQL_MISSING == 0 )) || { echo "FAIL: $LOST acknowledged tips lost ($SQL_MISSING without a row)"; STATUS=1; }
(( HALF == 0 )) || { echo "FAIL: $HALF half-written tip rows"; STATUS=1; }
(( T_OTHER == 0 )) || { echo "FAIL: $T_OTHER answers other than 201, 503 problem+json or connection refused"; STATUS=1; }
(( DUPLICATES == 0 )) || { echo "FAIL: $DUPLICATES references acknowledged twice"; STATUS=1; }
(( STATUS == 0 )) && echo "PASS: every acknowledged tip survived $ROUNDS crashes, and every answer was 201, 503 or no connection"
exit "$STATUS"
