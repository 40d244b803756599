#!/usr/bin/env bash
# run-all.sh: every tipline performance benchmark in one go, one table at the end.
#
#   intake.sh   closed loop: tips/s against the pgbench ceiling on the same server
#   load.sh     open loop at 1,000 tips/s, a flood of invalid requests, -Xmx128m, start time
#   review.sh   listing and decrypting pages of 100 tips from 100,000
#   proofs.sh   the proof-of-work check's cost in the closed loop, and a flood without good proofs
#
# About 17 minutes on the 2-core build machine; each script bounds its own steps and
# cleans up after itself. The full output of each is kept in $LOG_DIR (default
# bench-logs/<date> in the project folder). Settings pass through to the scripts
# (JAR, PGHOST, PGPORT, PGUSER, WAIT_QUIET, ...); see bench/README.md.
#
# Usage:  ./mvnw -B package -DskipTests && bash bench/run-all.sh
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
BENCH_NAME=run-all.sh
# shellcheck source=lib.sh
source "$SCRIPT_DIR/lib.sh"

LOG_DIR="${LOG_DIR:-$PROJECT_DIR/bench-logs/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$LOG_DIR"
STARTED=$SECONDS

run() { # run NAME SCRIPT: runs a benchmark script with its own log folder; its stdout goes to NAME.txt
  local name="$1" script="$2"
  log "running $script (output: $LOG_DIR/$name.txt)"
  if ! LOG_DIR="$LOG_DIR/$name" timeout 900 bash "$SCRIPT_DIR/$script" >"$LOG_DIR/$name.txt" 2>"$LOG_DIR/$name.err"; then
    tail -n 20 "$LOG_DIR/$name.err" >&2
    die "$script failed"
  fi
}

run intake intake.sh
run load load.sh
run review review.sh
run proofs proofs.sh
PROOFS="$(grep '^PROOFS_RESULT ' "$LOG_DIR/proofs.txt" | tail -n 1)"
proofs_field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$PROOFS"; }
proofs_row() { # proofs_row LABEL: "value | target | verdict" of a proofs.sh flood row
  awk -F'|' -v l="$1" 'index($2, " " l) == 1 { for (i = 3; i <= 5; i++) gsub(/^ +| +$/, "", $i);
    print $3 " | " $4 " | " $5; exit }' "$LOG_DIR/proofs.txt"
}

row() { # row FILE LABEL: the value column of the table row whose label starts with LABEL
  awk -F'|' -v l="$2" 'index($2, " " l) == 1 { gsub(/^ +| +$/, "", $3); print $3; exit }' "$1"
}
load_row() { # load_row LABEL TARGET: "value | target | verdict" of a load.sh row
  awk -F'|' -v l="$1" -v t="$2" 'index($2, " " l) == 1 { gsub(/^ +| +$/, "", $3); gsub(/^ +| +$/, "", $5);
    print $3 " | " t " | " $5; exit }' "$LOG_DIR/load.txt"
}
RATIO="$(row "$LOG_DIR/intake.txt" "ratio tips/s")"
RATIO_VERDICT="$(awk -v r="${RATIO%\%}" 'BEGIN { print (r + 0 >= 50 ? "met" : "MISSED") }')"
review_target() { # review_target LABEL: "p95 X ms, met" from review.sh's target lines
  sed -n "s/^target <= 100 ms a page, $1: p95 \(.*\) ms, \(.*\)$/\1 ms | ≤ 100 ms (p95) | \2/p" "$LOG_DIR/review.txt" | head -n 1
}

cat <<TABLE

tipline benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -n 1)
$(grep -m1 '^PostgreSQL' "$LOG_DIR/intake.txt" || true)

| benchmark | measured | target | verdict |
|---|---|---|---|
| closed loop, 32 connections: tips/s | $(row "$LOG_DIR/intake.txt" "tipline tips/s") | | |
| closed loop: pgbench INSERT ceiling | $(row "$LOG_DIR/intake.txt" "pgbench INSERT tps") | | |
| closed loop: ratio to the ceiling | $RATIO | ≥ 50% | $RATIO_VERDICT |
| closed loop: p50 / p99 | $(row "$LOG_DIR/intake.txt" "tipline latency p50") / $(row "$LOG_DIR/intake.txt" "tipline latency p99") | | |
| open loop 1,000 tips/s, ${LOAD_ROLE:-intake} role: p50 / p99 / p99.9 / max | $(load_row "open loop (" "p99 ≤ 10 ms") |
| open loop errors | $(load_row "open loop errors" "0") |
| flood: valid tips alone, p50 / p99 | $(load_row "valid tips 100/s alone" "") |
| flood: valid tips in the flood, p50 / p99 | $(load_row "valid tips 100/s in a flood" "≤ 2 × alone") |
| flood: valid tips failed | $(load_row "valid tips failed" "0") |
| peak RSS, -Xmx128m, ${LOAD_ROLE:-intake} role | $(load_row "peak RSS" "≤ 300 MB") |
| start to first 201, all-in-one, trained class-data archive | $(load_row "start to first 201, existing database" "≤ 2 s") |
| start to first 201, intake role, trained class-data archive | $(load_row "start to first 201, intake role" "≤ 2 s") |
| start to first 201, all-in-one, the JDK's archive only | $(load_row "start to first 201, the JDK" "") |
| review: list a page of 100 of 100,000, p95 | $(review_target "list") |
| review: decrypt a page of 100 of 100,000, p95 | $(review_target "contents") |
| proof-of-work check: tips/s checked / unchecked, median of 4 rounds | $(proofs_field median_ratio) | ≥ 0.95 | $(awk -v r="$(proofs_field median_ratio)" 'BEGIN { print (r + 0 >= 0.95 ? "met" : "MISSED") }') |
| proof flood: valid tips alone, p50 / p99 / max | $(proofs_row "valid tips alone:") |
| proof flood: valid tips in the flood, p50 / p99 / max | $(proofs_row "valid tips in a flood") |
| proof flood: valid tips failed | $(proofs_row "valid tips in the flood that failed") |
| proof flood: Argon2id derivations while it ran | $(proofs_row "Argon2id derivations") |
| other work on the machine (cores) | closed loop $(row "$LOG_DIR/intake.txt" "machine CPU busy, wrk run" | sed -n 's/.*other work: \([0-9.]*\) cores.*/\1/p'), open loop $(sed -n 's/^| tipline CPU in the open loop (other work) | [0-9.]* cores (\([0-9.]*\)).*/\1/p' "$LOG_DIR/load.txt"), review $(sed -n 's/.*other work: \([0-9.]*\) cores.*/\1/p' "$LOG_DIR/review.txt" | head -n 1) | ≤ 0.05 for a clean run | |

Total time: $(( SECONDS - STARTED )) s. Full outputs: $LOG_DIR
TABLE
