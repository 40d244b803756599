#!/usr/bin/env bash
# pow.sh: what checking a proof-of-work costs, in microseconds (median and p99):
#   - the in-memory check of a valid solution (bounds, base64, JSON, the salt's parameters,
#     the HMAC signature, expiry, the difficulty floor, ALTCHA's verifySolution), over
#     100,000 checks of 1,000 distinct payloads, after a warm-up;
#   - the in-memory refusal of a malformed one;
#   - the round trip of the spent insert (insert ... on conflict do nothing, autocommit,
#     synchronous_commit=on) on an unlogged table, as tipline's proof_spent, and on a logged
#     one for comparison, against an embedded PostgreSQL started for the run.
#
# Usage (from the project folder):
#   bench/pow.sh [CHECKS] [INSERTS]      # defaults 100000 and 5000
# It compiles the test classes and asks Maven for the classpath (offline) first.
#
# Needs: java 17+. One thread; numbers depend on the machine and on other load.
set -euo pipefail
BENCH_NAME=pow
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."
log "compiling and resolving the classpath"
./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null || die "the build failed: run ./mvnw -o test-compile to see why"
exec java ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  org.tipline.tipster.proof.ProofCheckBench "${1:-100000}" "${2:-5000}"
