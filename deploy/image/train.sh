#!/usr/bin/env bash
# Trains the JDK's AOT cache (JEP 483, 514, 515) for tipline: one start of the packaged
# application with -XX:AOTCacheOutput, a short run of the work it does for real, a stop. The
# JVM writes the cache as it exits. The container image build runs this (deploy/Dockerfile);
# it runs the same on any Linux x86_64 machine with JDK 25 and curl:
#
#   deploy/image/train.sh target/aot-jar /tmp/tipline.aot
#
# APP_DIR is Quarkus's aot-jar packaging (deploy/Dockerfile says how to build it): with the
# usual packaging the cache holds the JDK's classes only.
#
# tipline has no "start, warm up, exit" mode of its own, so this script plays the clients:
# it waits until /q/health/ready answers UP (which an intake process does only once it has
# prepared one made-up tip, see IntakeService.warmUp), posts tips with solved proofs-of-work,
# signs a tipster in, reads the mailbox, answers, fetches the page and the office key, sends
# a few requests that are refused, and stops tipline with SIGTERM.
#
# The run is all-in-one on the embedded PostgreSQL under a throw-away data folder, with the
# demo key pair: it needs no database server and no office key, and loads the classes of
# both roles (intake and review run from the same cache). With TRAIN_ROLE=intake, for the
# intake build (target/intake-jar, ./mvnw package -Pintake), it runs the intake role on the
# embedded PostgreSQL with a throw-away office key pair instead:
#
#   TRAIN_ROLE=intake deploy/image/train.sh target/intake-jar /tmp/tipline-intake.aot
#
# Nothing of it but the cache is
# kept: the Dockerfile copies only the cache into the final image. Run it as a user other
# than root (the embedded PostgreSQL refuses root unless `unshare` is allowed, which a
# container build usually forbids).
#
# The cache only works with the JDK build, the JVM options that matter (the garbage
# collector among them) and the application folder path it was trained with. Give this
# script the same JAVA_OPTS the image starts tipline with; with anything else the JVM
# ignores the cache and starts as usual.
set -euo pipefail

app="$(cd "${1:?usage: train.sh APP_DIR CACHE_FILE}" && pwd)"
cache="${2:?usage: train.sh APP_DIR CACHE_FILE}"
[[ "$cache" == /* ]] || cache="$PWD/$cache"
work="$(mktemp -d -t tipline-training.XXXXXX)"
port=18080
management=19000
api="http://127.0.0.1:$port"
pid=""

cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "train.sh: $*" >&2; }
fail() { say "$*"; [[ -f "$work/tipline.log" ]] && tail -n 40 "$work/tipline.log" >&2; exit 1; }

export TIPLINE_ROLE="${TRAIN_ROLE:-all-in-one}"
export TIPLINE_DATA_DIR="$work/data"
export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port"
export QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$management"
case "$TIPLINE_ROLE" in
  all-in-one) ;;
  intake)
    # The intake build (./mvnw package -Pintake) serves nothing else. It trains as intake on the
    # embedded PostgreSQL too, with a throw-away office key pair of the default kind, made here
    # by tipline's own command line (a cheap passphrase KDF: the key never leaves this folder).
    export TIPLINE_ALLOW_EMBEDDED_DATABASE=true
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/passphrase"
    # shellcheck disable=SC2086
    (cd "$app" && java ${JAVA_OPTS:-} -jar quarkus-run.jar keys init --keyset "$work/office-keyset.json" \
      --passphrase-file "$work/passphrase" --kdf-memory-kib 1024 --kdf-iterations 1 \
      && java ${JAVA_OPTS:-} -jar quarkus-run.jar keys export-public --keyset "$work/office-keyset.json" \
      --passphrase-file "$work/passphrase" --out "$work/office-public.json") >"$work/keys.log" 2>&1 \
      || { cat "$work/keys.log" >&2; fail "the throw-away office keys could not be made"; }
    export TIPLINE_OFFICE_PUBLIC_KEYSET="$work/office-public.json"
    ;;
  *) fail "TRAIN_ROLE must be all-in-one or intake" ;;
esac

say "training start: java ${JAVA_OPTS:-} -XX:AOTCacheOutput=$cache"
cd "$app"
# shellcheck disable=SC2086 # JAVA_OPTS holds several words on purpose
java ${JAVA_OPTS:-} -XX:AOTCacheOutput="$cache" -jar quarkus-run.jar >"$work/tipline.log" 2>&1 &
pid=$!

for ((i = 0; i < 360; i++)); do
  kill -0 "$pid" 2>/dev/null || fail "tipline exited during its training start"
  if curl -fsS -m 2 "http://127.0.0.1:$management/q/health/ready" 2>/dev/null | grep -q '"UP"'; then break; fi
  sleep 0.5
done
curl -fsS -m 2 "http://127.0.0.1:$management/q/health/ready" | grep -q '"UP"' || fail "tipline was not ready within 180 s"
say "ready; playing the clients"

# Proofs-of-work for 12 tips and one sign-in, solved by tipline's own client (another JVM,
# which records nothing).
# shellcheck disable=SC2086
mapfile -t proofs < <(java ${JAVA_OPTS:-} -jar quarkus-run.jar solve-challenge --url "$api" --count 13)
(( ${#proofs[@]} == 13 )) || fail "solve-challenge gave ${#proofs[@]} proofs, not 13"

post_tip() { # post_tip PROOF BODY: prints the answer's body, fails unless 201
  curl -fsS -m 30 -X POST "$api/api/v1/tips" -H 'Content-Type: application/json' -H "X-Tipline-Proof: $1" -d "$2"
}
first="$(post_tip "${proofs[0]}" '{"category":"theft","description":"Training tip: two men load bicycles into a van.","location":"Elm Street","occurredAt":"2026-11-20"}')" \
  || fail "the first training tip was refused"
for ((i = 1; i < 12; i++)); do
  post_tip "${proofs[$i]}" '{"category":"other","description":"Training tip '"$i"'."}' >/dev/null || fail "training tip $i was refused"
done

reference="$(sed -n 's/.*"reference":"\([^"]*\)".*/\1/p' <<<"$first")"
passphrase="$(sed -n 's/.*"passphrase":"\([^"]*\)".*/\1/p' <<<"$first")"
[[ -n "$reference" && -n "$passphrase" ]] || fail "the first tip's answer had no reference or passphrase"
credentials="$(printf '%s' "$reference:$passphrase" | base64 -w0)"
token="$(curl -fsS -m 30 -X POST "$api/api/v1/followup/session" -H "Authorization: Tipster $credentials" \
  -H "X-Tipline-Proof: ${proofs[12]}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
[[ -n "$token" ]] || fail "the tipster sign-in gave no token"
curl -fsS -m 30 -o /dev/null "$api/api/v1/followup" -H "Authorization: Bearer $token" || fail "the mailbox was refused"
curl -fsS -m 30 -o /dev/null -X POST "$api/api/v1/followup/messages" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"text":"Training answer: the van was white."}' || fail "the answer was refused"

pages=(/ /api/v1/office-key /api/v1/challenge)
[[ "$TIPLINE_ROLE" == intake ]] || pages+=(/office/)
for path in "${pages[@]}"; do
  curl -fsS -m 30 -o /dev/null "$api$path" || fail "GET $path failed"
done
# Refusals take their own code paths: a broken body, a wrong type, no proof, an unknown path.
curl -sS -m 30 -o /dev/null -X POST "$api/api/v1/tips" -H 'Content-Type: application/json' -d '{"category":'
curl -sS -m 30 -o /dev/null -X POST "$api/api/v1/tips" -H 'Content-Type: text/plain' -d 'a tip'
curl -sS -m 30 -o /dev/null -X POST "$api/api/v1/tips" -H 'Content-Type: application/json' -d '{"category":"other","description":"no proof"}'
curl -sS -m 30 -o /dev/null "$api/api/v1/nothing-here"
curl -sS -m 30 -o /dev/null "http://127.0.0.1:$management/q/metrics"

say "stopping tipline; the JVM writes the cache as it exits"
kill -TERM "$pid"
wait "$pid" || true
pid=""
[[ -s "$cache" ]] || fail "no AOT cache was written at $cache"
say "wrote $cache ($(du -h "$cache" | cut -f1))"
