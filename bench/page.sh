#!/usr/bin/env bash
# page.sh: what the tip page costs a tipster on a cheap phone (see bench/README.md, "The tip
# page"): bytes on the wire per file (first load, and through a whole sealed submission), the
# time to an interactive form, and the time of each step of a submission (proof-of-work,
# sealing in the browser, sending), on a throttled phone profile, median of RUNS runs.
#
# One tipline (all-in-one, from the JAR) against a benchmark database, with proof-of-work on
# for the page as in production; bench/page.mjs drives Debian's chromium (playwright-core
# from src/test/js) through Chrome DevTools Protocol throttling. No timed assertion: figures.
#
# Usage (the JAR built first, the test's Node packages installed):
#   ./mvnw -B package -DskipTests && npm ci --prefix src/test/js --no-audit --no-fund
#   bash bench/page.sh
# Environment (all optional): RUNS (3), DOWN_KBPS (1600), UP_KBPS (750), RTT_MS (150),
#   CPU_SLOWDOWN (4), JAR, PGHOST/PGPORT/PGUSER (127.0.0.1, 5432, postgres; loopback, trust
#   auth), BENCH_DB (tipline_page, dropped and recreated), WAIT_QUIET (0), LOG_DIR, JAVA_OPTS.
# Needs: java 17+, node, /usr/bin/chromium (or TIPLINE_CHROMIUM), psql, curl.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=page.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

JAR="${JAR:-$PROJECT_DIR/target/quarkus-app/quarkus-run.jar}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BENCH_DB="${BENCH_DB:-tipline_page}"
RUNS="${RUNS:-3}"
DOWN_KBPS="${DOWN_KBPS:-1600}"
UP_KBPS="${UP_KBPS:-750}"
RTT_MS="${RTT_MS:-150}"
CPU_SLOWDOWN="${CPU_SLOWDOWN:-4}"
WAIT_QUIET="${WAIT_QUIET:-0}"
for n in RUNS DOWN_KBPS UP_KBPS RTT_MS CPU_SLOWDOWN WAIT_QUIET; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
(( RUNS >= 1 && RUNS <= 20 && DOWN_KBPS >= 50 && UP_KBPS >= 50 && CPU_SLOWDOWN >= 1 && CPU_SLOWDOWN <= 20 )) \
  || die "RUNS must be 1..20, DOWN_KBPS and UP_KBPS at least 50, CPU_SLOWDOWN 1..20"
check_pg_settings
for tool in java node psql curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
[[ -x "${TIPLINE_CHROMIUM:-/usr/bin/chromium}" ]] || die "no chromium (apt-get install -y chromium)"
[[ -d "$PROJECT_DIR/src/test/js/node_modules/playwright-core" ]] \
  || die "no playwright-core: npm ci --prefix src/test/js --no-audit --no-fund"
[[ -f "$JAR" ]] || die "no JAR at $JAR: build it first (./mvnw -B package -DskipTests) or set JAR"

WORK_DIR="$(mktemp -d -t tipline-page.XXXXXX)"
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
# The page solves proof-of-work as in production (the other benchmarks turn it off).
export TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS=true TIPLINE_PROOF_OF_WORK_SIGNINS=true
log "starting tipline on http://127.0.0.1:$PORT (log: $LOG_DIR/tipline.log)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
start_tipline "$LOG_DIR/tipline.log" ${JAVA_OPTS:-}
wait_ready 120 "$LOG_DIR/tipline.log"

log "$RUNS runs: ${DOWN_KBPS} kbps down, ${UP_KBPS} kbps up, ${RTT_MS} ms RTT, CPU ${CPU_SLOWDOWN}x slower, 360x740"
OPTIONS="{\"base\":\"http://127.0.0.1:$PORT\",\"runs\":$RUNS,\"downKbps\":$DOWN_KBPS,\"upKbps\":$UP_KBPS,\"rttMs\":$RTT_MS,\"cpuSlowdown\":$CPU_SLOWDOWN}"
M0="$(machine_ticks)"
run_load "$LOG_DIR/page.json" timeout 1800 node "$SCRIPT_DIR/page.mjs" "$OPTIONS" \
  || { tail -n 30 "$LOG_DIR/page.json" >&2; die "page.mjs failed"; }
BUSY="$(busy_percent "$M0" "$(machine_ticks)")"
ROWS="$(psql -X -q -A -t -d "$BENCH_DB" -c "select format_version || ':' || count(*) from tip group by format_version order by format_version" | tr '\n' ' ')"
log "tips stored (format version:count): $ROWS; machine $BUSY busy during the runs"

# The table: medians, then each file's bytes on the wire (first run).
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
const m = r.medians;
const kb = (b) => (b / 1000).toFixed(1) + " kB";
console.log("| median of " + r.runs.length + " runs | value |\n|---|---|");
console.log("| time to an interactive form | " + m.interactiveMs + " ms |");
console.log("| bytes on the wire, first load | " + kb(m.firstLoadBytes) + " |");
console.log("| bytes on the wire, the submission | " + kb(m.submissionBytes) + " |");
console.log("| bytes on the wire, in all | " + kb(m.totalBytes) + " |");
console.log("| bytes sent (request headers and bodies) | " + kb(m.sentBytes) + " |");
console.log("| proof-of-work (click to the sealing step) | " + m.proofMs + " ms |");
console.log("| sealing step (sealing to sending) | " + m.sealingMs + " ms |");
console.log("| sending (to the receipt) | " + m.sendingMs + " ms |");
console.log("| click to receipt | " + m.clickToReceiptMs + " ms |");
console.log("\n| phase | request | bytes on the wire | content-encoding |\n|---|---|---|---|");
for (const f of r.runs[0].files) console.log("| " + f.phase + " | " + f.file + " | " + f.bytes + " | " + (f.encoding || "none") + " |");
console.log("\nper run: " + r.runs.map((x) => JSON.stringify({ interactiveMs: x.interactiveMs, proofMs: x.proofMs,
  sealingMs: x.sealingMs, sendingMs: x.sendingMs, totalBytes: x.totalBytes })).join(", "));
' "$LOG_DIR/page.json"
