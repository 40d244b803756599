#!/usr/bin/env python3
"""followup_timing.py: is a wrong passphrase answered in the same time as an unknown reference?

Starts tipline (the packaged JAR) on the embedded default in a temporary data folder,
on free loopback ports, submits tips, then signs in to the tipster mailbox
(GET /api/v1/followup with the Tipster scheme), interleaving three kinds of attempt:

  right     the tip's reference and its passphrase              (200)
  wrong     a real reference with another valid passphrase      (401)
  unknown   a reference that does not exist, valid passphrase   (401)

No reference gets more than two wrong attempts, so the per-reference delay (after
three failures) never applies, and the global budget is raised for the run. Each time
is from sending the request to having read the whole answer, one request at a time on
a keep-alive connection. It prints median, p90, p99 and max per kind, and the byte
equality of the 401 bodies.

Usage:  python3 bench/followup_timing.py [--jar target/quarkus-app/quarkus-run.jar] [--rounds 300]
Needs java 17+ and a built tipline (./mvnw -B package -DskipTests). Standard library only.
Every wait is bounded; tipline is stopped and its folder removed on exit.
"""

import argparse
import base64
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

WORDS_FILE = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "followup", "eff-large-wordlist.txt")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def header(reference, passphrase):
    return "Tipster " + base64.b64encode(f"{reference}:{passphrase}".encode()).decode()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(os.path.dirname(__file__), "..", "target", "quarkus-app", "quarkus-run.jar"))
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    if not os.path.exists(args.jar):
        sys.exit(f"no JAR at {args.jar}; build with ./mvnw -B package -DskipTests")
    words = [w.strip() for w in open(WORDS_FILE) if w.strip() and not w.startswith("#")]

    work = tempfile.mkdtemp(prefix="tipline-timing.")
    port, management = free_port(), free_port()
    env = dict(os.environ, TIPLINE_DATA_DIR=os.path.join(work, "data"), QUARKUS_HTTP_HOST="127.0.0.1",
               QUARKUS_HTTP_PORT=str(port), QUARKUS_MANAGEMENT_PORT=str(management),
               TIPLINE_FOLLOWUP_FAILED_SIGNINS_PER_MINUTE="1000000")
    for name in list(env):
        if name.startswith("QUARKUS_DATASOURCE"):
            del env[name]
    log = open(os.path.join(work, "tipline.log"), "w")
    process = subprocess.Popen(["java", "-jar", args.jar], env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        connection = None
        deadline = time.time() + 120
        while time.time() < deadline:
            if process.poll() is not None:
                sys.exit("tipline exited during start-up; see " + log.name)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/api/v1/office-key")
                connection.getresponse().read()
                break
            except OSError:
                connection = None
                time.sleep(0.5)
        if connection is None:
            sys.exit("tipline was not ready within 120 s")

        def call(method, path, headers, body=None):
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            return response.status, data, (time.perf_counter() - started) * 1000

        tips_needed = args.rounds // 2 + 1
        tips = []
        for i in range(tips_needed):
            status, data, _ = call("POST", "/api/v1/tips", {"Content-Type": "application/json"},
                                   json.dumps({"category": "other", "description": f"timing tip {i}"}))
            if status != 201:
                sys.exit(f"submitting a tip gave {status}")
            receipt = json.loads(data)
            tips.append((receipt["reference"], receipt["passphrase"]))

        rng = random.Random(7)
        times = {"right": [], "wrong": [], "unknown": []}
        bodies = {"wrong": set(), "unknown": set()}
        for warm in range(20):
            call("GET", "/api/v1/followup", {"Authorization": header(*tips[warm % len(tips)])})
        for i in range(args.rounds):
            reference, passphrase = tips[i // 2]
            other = " ".join(rng.choice(words) for _ in range(7))
            unknown = "TIP-" + "-".join("".join(rng.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(4))
                                        for _ in range(4))
            attempts = [("right", header(reference, passphrase), 200), ("wrong", header(reference, other), 401),
                        ("unknown", header(unknown, other), 401)]
            rng.shuffle(attempts)
            for kind, authorization, expected in attempts:
                status, data, ms = call("GET", "/api/v1/followup", {"Authorization": authorization})
                if status != expected:
                    sys.exit(f"{kind}: expected {expected}, got {status}")
                times[kind].append(ms)
                if kind in bodies:
                    bodies[kind].add(data)

        print(f"tipster sign-in timing, {args.rounds} attempts of each kind, interleaved in random order")
        print("| attempt | answers | median ms | p90 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|---|")
        for kind, label in (("right", "right passphrase (200)"), ("wrong", "wrong passphrase (401)"),
                            ("unknown", "unknown reference (401)")):
            values = times[kind]
            print(f"| {label} | {len(values)} | {percentile(values, 50):.2f} | {percentile(values, 90):.2f} | "
                  f"{percentile(values, 99):.2f} | {max(values):.2f} |")
        identical = len(bodies["wrong"] | bodies["unknown"]) == 1
        print(f"401 bodies byte-identical across wrong and unknown: {'yes' if identical else 'NO'}")
        if not identical:
            sys.exit(1)
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except Exception:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
