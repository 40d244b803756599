#!/usr/bin/env bash
# console.sh: how long office staff wait on the office console (/office/), with $TIPS tips in
# the database (see bench/README.md, "The office console"):
#   - from "Sign in" to a decrypted tip on screen (the list, a tip opened, a purpose given,
#     "Read"), once per account, each in a fresh browser;
#   - the list screen, 100 tips a page: choosing 100 a page, then $PAGES clicks on "Next page".
# One tipline (all-in-one, from the JAR) against a benchmark database seeded with
# bench/loadgen/SeedTips.java (sealed tips, COPY); $RUNS coordinator accounts made with
# `tipline reviewers add`; bench/console.mjs drives Debian's chromium through playwright-core.
# No timed assertion: figures, medians and p95.
#
# Usage (the JAR built first, the test's Node packages installed):
#   ./mvnw -B package -DskipTests && npm ci --prefix src/test/js --no-audit --no-fund
#   bash bench/console.sh
# Environment (all optional): TIPS (100000), RUNS (5), PAGES (20), JAR, PGHOST/PGPORT/PGUSER
#   (127.0.0.1, 5432, postgres; loopback, trust auth), BENCH_DB (tipline_console, dropped and
#   recreated), WAIT_QUIET (0), LOG_DIR, JAVA_OPTS.
# Needs: java 17+, node, /usr/bin/chromium (or TIPLINE_CHROMIUM), psql, curl.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=console.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_console}"
TIPS="${TIPS:-100000}"
RUNS="${RUNS:-5}"
PAGES="${PAGES:-20}"
WAIT_QUIET="${WAIT_QUIET:-0}"
for n in TIPS RUNS PAGES WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( TIPS >= 1000 && TIPS <= 5000000 && RUNS >= 1 && RUNS <= 20 && PAGES >= 1 && PAGES <= 200 )) \
  || die "TIPS must be 1000..5000000, RUNS 1..20, PAGES 1..200"
check_pg_settings
for tool in java node psql curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
[[ -x "${TIPLINE_CHROMIUM:-/usr/bin/chromium}" ]] || die "no chromium (apt-get install -y chromium)"
[[ -d "$PROJECT_DIR/src/test/js/node_modules/playwright-core" ]] \
  || die "no playwright-core: npm ci --prefix src/test/js --no-audit --no-fund"
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"

WORK_DIR="$(mktemp -d -t tipline-console.XXXXXX)"
if [[ -n "${LOG_DIR:-}" ]]; then mkdir -p "$LOG_DIR"; LOG_DIR="$(cd "$LOG_DIR" && pwd)"; else LOG_DIR="$WORK_DIR/logs"; mkdir -p "$LOG_DIR"; fi
TIPLINE_PID=""
LOAD_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" "browser"
  stop_pid "$TIPLINE_PID" "tipline"
  drop_bench_db
  rm -rf "$WORK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

wait_quiet "$WAIT_QUIET"
create_bench_db
PORT="$(free_port)" || die "no free port"
MGMT_PORT="$PORT"; while [[ "$MGMT_PORT" == "$PORT" ]]; do MGMT_PORT="$(free_port)" || die "no free port"; done
log "starting tipline on http://127.0.0.1:$PORT (log: $LOG_DIR/tipline.log)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
start_tipline "$LOG_DIR/tipline.log" ${JAVA_OPTS:-}
wait_first_tip 120 "$LOG_DIR/tipline.log" >/dev/null

log "seeding $TIPS tips with bench/loadgen/SeedTips.java"
( cd "$(dirname "$JAR")" && exec timeout 3600 java -Xmx1g -cp 'app/*:lib/main/*' "$SCRIPT_DIR/loadgen/SeedTips.java" \
    "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" "$PGUSER" "$TIPS" "$WORK_DIR/tipline-data/keys/office-public.json" ) \
  >"$LOG_DIR/seed.txt" 2>"$LOG_DIR/seed.err" || { tail -n 20 "$LOG_DIR/seed.err" >&2; die "SeedTips failed"; }
sql "vacuum (analyze) tip" >/dev/null
sql "checkpoint" >/dev/null 2>&1 || true
TIP_COUNT="$(sql "select count(*) from tip")"
log "$TIP_COUNT tips; creating $RUNS coordinator accounts"

ACCOUNTS="["
for ((i = 1; i <= RUNS; i++)); do
  printf '%s\n' "bench-$(od -An -vtx1 -N 12 /dev/urandom | tr -d ' \n')" >"$WORK_DIR/password"
  tipline_cli reviewers add --username "console-$i" --role coordinator --program default \
    --password-file "$WORK_DIR/password" >"$WORK_DIR/account.txt" 2>>"$LOG_DIR/reviewers-add.err" \
    || { cat "$LOG_DIR/reviewers-add.err" >&2; die "reviewers add failed"; }
  secret="$(grep -o 'otpauth://[^[:space:]]*' "$WORK_DIR/account.txt" | head -n 1 | sed -n 's/.*[?&]secret=\([A-Z2-7=]*\).*/\1/p')"
  [[ -n "$secret" ]] || die "reviewers add printed no otpauth:// URI with a secret"
  (( i == 1 )) || ACCOUNTS+=","
  ACCOUNTS+="{\"username\":\"console-$i\",\"password\":\"$(cat "$WORK_DIR/password")\",\"secret\":\"$secret\"}"
done
ACCOUNTS+="]"
rm -f "$WORK_DIR/password" "$WORK_DIR/account.txt"

log "$RUNS runs in chromium: sign-in to a decrypted tip, then $PAGES pages of 100"
M0="$(machine_ticks)"
run_load "$LOG_DIR/console.json" timeout 1800 node "$SCRIPT_DIR/console.mjs" \
  "{\"base\":\"http://127.0.0.1:$PORT\",\"pages\":$PAGES,\"accounts\":$ACCOUNTS}" \
  || { tail -n 30 "$LOG_DIR/console.json" >&2; die "console.mjs failed"; }
BUSY="$(busy_percent "$M0" "$(machine_ticks)")"
READS="$(sql "select count(*) from audit_entry where action = 'tip.read'")"

node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
const s = r.summary;
console.log("\ntipline office console: " + process.argv[2] + " tips, " + s.runs + " sign-ins in fresh browsers, machine " + process.argv[3] + " busy\n");
console.log("| measurement | value |\n|---|---|");
console.log("| sign-in to a decrypted tip on screen (median / max) | " + s.signInToDecryptedMedianMs.toFixed(0) + " / " + s.signInToDecryptedMaxMs.toFixed(0) + " ms |");
console.log("| of which: sign-in to the list | " + s.signInToListMedianMs.toFixed(0) + " ms |");
console.log("| of which: opening a tip to the purpose form | " + s.openToPurposeMedianMs.toFixed(0) + " ms |");
console.log("| of which: Read to the text shown | " + s.readToTextMedianMs.toFixed(0) + " ms |");
console.log("| list screen, a page of 100 (median / p95 of " + s.pagesOf100 + ") | " + s.pageOf100MedianMs.toFixed(0) + " / " + s.pageOf100P95Ms.toFixed(0) + " ms |");
console.log("| answers of 400 or more (a tip without a reward excepted) | " + s.failures.length + " |");
console.log("| tip.read audit entries | " + process.argv[4] + " |");
console.log("\nper run: " + r.runs.map((x) => JSON.stringify({ signInToDecryptedMs: Math.round(x.signInToDecryptedMs),
  pageSizeTo100Ms: Math.round(x.pageSizeTo100Ms) })).join(", "));
' "$LOG_DIR/console.json" "$TIP_COUNT" "$BUSY" "$READS"
echo "CONSOLE_RESULT tips=$TIP_COUNT runs=$RUNS"
