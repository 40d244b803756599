#!/usr/bin/env python3
"""crash_clients.py: the HTTP side of the tipline fault benchmark (bench/crash.sh runs it).

Subcommands, all talking only to 127.0.0.1:

  load    Several threads post realistic tips (POST /api/v1/tips) as fast as tipline
          answers, until SIGTERM (or --max-seconds as a safety bound). Every 201 is
          appended at once to the acks file, one line per tip:
              <reference> TAB <category> TAB <sha256 of the description> TAB <round>
          so an acknowledged reference is on disk before the next request, even if this
          process is killed. At the end the counts are written to --stats as JSON.
  probe   Posts one tip at a time until one gets 201 (tipline is back), at most
          --deadline seconds; same acks and stats files as load. Exit 0 on a 201, 1 if none.
  tally   Adds up stats files and prints one shell-readable line:
              acked=N refused=N connrefused=N cut=N other=N detail='...'
  verify  Logs in as an office account (password + TOTP from the otpauth:// URI that
          `reviewers add` printed), reads every tip decrypted through
          GET /api/v1/review/tips/contents?size=100&cursor=..., and checks each
          acknowledged tip: present, decrypted (no "problem", such as "undecryptable"),
          same category and same description (by SHA-256) as was sent. Prints
              read=N acked=N found=N missing=N undecryptable=N different=N duplicates=N
          plus up to 10 example references per kind on stderr.

How each answer of load/probe is counted:
  acked        201 with a JSON body holding reference and passphrase
  refused      503 application/problem+json with a Retry-After header (storage down, or busy)
  connrefused  the TCP connection was refused: tipline is not running (expected while restarting)
  cut          the connection was closed or reset without an answer: tipline was killed
               mid-request (expected in kill -9 rounds only; crash.sh counts it as "other"
               in database rounds)
  other        anything else: 500, any other status, a 503 without problem+json or
               Retry-After, a 201 without a reference, a client timeout (a hang), any
               other socket error

Standard library only.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import random
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
PAGE_SIZE = 100
PURPOSE = "crash-benchmark-check"

# ---- realistic tips (the same vocabulary as bench/tips.lua) ---------------------------------

CATEGORIES = ["drugs", "violence", "theft", "fraud", "wanted-person", "missing-person", "other"]
LANGUAGES = ["en", "en", "en", "en", "es", "fr", "pt-BR", "en-US"]
SUBJECTS = [
    "A man in a grey hoodie", "Two teenagers", "The woman who lives in flat 4B", "A delivery driver",
    "Someone in a dark blue sedan", "My neighbour", "A group of about five people", "The owner of the corner shop",
    "A tall man with a beard", "An older woman with a red umbrella", "A person I only know as Mike",
    "The new tenant upstairs", "A white van with no plates", "Several people from the car wash",
]
VERBS = [
    "was seen handing small packages to", "keeps arguing loudly with", "tried to sell a phone to",
    "was following", "drove off quickly after talking to", "has been collecting cash from",
    "was shouting threats at", "took a bicycle that belongs to", "showed a knife to",
    "asked for bank details from", "meets every evening with", "was carrying boxes for",
]
OBJECTS = [
    "people waiting at the bus stop", "customers outside the pharmacy", "a man on a motorbike",
    "kids from the school nearby", "an elderly neighbour", "the security guard", "someone in a parked car",
    "the staff of the night shop", "a woman with a pushchair", "visitors to the park",
]
TIMES = [
    "around nine in the evening", "late at night, after midnight", "early on Sunday morning",
    "most weekdays around lunchtime", "last Friday", "several times this month", "two days ago",
    "every evening this week", "just before the shops closed", "on the night of the storm",
]
PLACES = [
    "behind the supermarket on Elm Street", "near the entrance of the metro station",
    "in the car park of the sports centre", "at the corner of 5th and Main", "outside the laundrette",
    "in the stairwell of building C", "next to the old railway bridge", "along the canal path",
    "in front of the primary school", "at the petrol station on the ring road",
]
EXTRAS = [
    "I am not sure of the exact date, but it has happened more than once.",
    "Other people in the street have noticed it too.",
    "I did not want to call the police directly because I am afraid of being recognised.",
    "The car had a dent on the rear door and a sticker on the back window.",
    "They usually leave in different directions after a few minutes.",
    "I could hear them talking about money and a meeting next week.",
    "It has been going on since at least the beginning of the year.",
    "I think there are cameras on the building opposite that could have recorded it.",
    "The person seemed nervous and kept looking around.",
    "A friend told me the same thing happened at her workplace.",
]
LOCATIONS = [
    "Elm Street, behind the supermarket", "5th and Main", "Riverside estate, building C",
    "Central station, north entrance", "Park Lane car park", "Canal path near the lock",
    "Ring road petrol station", "Market square",
]
QUESTIONS = [
    ("vehicle", ["dark blue sedan", "white van", "motorbike", "no vehicle", "grey hatchback"]),
    ("peopleCount", ["1", "2", "3", "about 5", "more than 10"]),
    ("weapon", ["none seen", "knife", "unsure", "bat"]),
    ("ongoing", ["yes", "no", "unsure"]),
    ("howKnown", ["saw it myself", "a neighbour told me", "heard it", "online"]),
]


def description(rng):
    """Plain sentences, 300 to 2,000 characters, ending on a whole sentence where it can."""
    target = rng.randint(300, 2000)
    text = ""
    while len(text) < target:
        if rng.random() < 0.3:
            sentence = rng.choice(EXTRAS)
        else:
            sentence = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                        f"{rng.choice(PLACES)} {rng.choice(TIMES)}.")
        candidate = f"{text} {sentence}" if text else sentence
        if len(candidate) > target and len(text) >= 300:
            break
        text = candidate[:target] if len(candidate) > target else candidate
    return text


def tip(rng):
    body = {"category": rng.choice(CATEGORIES), "description": description(rng)}
    if rng.random() < 0.7:
        body["location"] = rng.choice(LOCATIONS)
    r = rng.random()
    day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    if r < 0.25:
        pass
    elif r < 0.5:
        body["occurredAt"] = day
    elif r < 0.85:
        body["occurredAt"] = f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    else:
        body["occurredAt"] = f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00-05:00"
    if rng.random() < 0.8:
        body["language"] = rng.choice(LANGUAGES)
    if rng.random() < 0.6:
        details = {name: rng.choice(answers) for name, answers in QUESTIONS if rng.random() < 0.5}
        if details:
            body["details"] = details
    return body


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- posting tips and counting the answers ------------------------------------------------

class Tally:
    """Thread-safe counts, plus the acks file written line by line."""

    KINDS = ("acked", "refused", "connrefused", "cut", "other")

    def __init__(self, acks_path, round_no):
        self.lock = threading.Lock()
        self.counts = {kind: 0 for kind in self.KINDS}
        self.detail = {}  # kind -> {label: count}, e.g. refused: {"503 storage-unavailable": 12}
        self.acks = open(acks_path, "a", encoding="utf-8")
        self.round_no = round_no

    def add(self, kind, label, ack=None):
        with self.lock:
            if ack is not None:
                # On disk before the next request: the acknowledged set survives this process.
                self.acks.write("\t".join(ack + (str(self.round_no),)) + "\n")
                self.acks.flush()
            self.counts[kind] += 1
            labels = self.detail.setdefault(kind, {})
            labels[label] = labels.get(label, 0) + 1

    def write(self, stats_path):
        with self.lock:
            self.acks.close()
            with open(stats_path, "w", encoding="utf-8") as f:
                json.dump({"counts": self.counts, "detail": self.detail}, f)


def post_tip(connection, body):
    """Sends one tip; returns (kind, label, ack tuple or None). Never raises for network trouble."""
    payload = json.dumps(body).encode("utf-8")
    try:
        connection.request("POST", "/api/v1/tips", body=payload,
                           headers={"Content-Type": "application/json", "Accept": "application/json"})
        response = connection.getresponse()
        data = response.read()
    except ConnectionRefusedError:
        return "connrefused", "connection refused", None
    except socket.timeout:
        return "other", "client timeout (no answer in time)", None
    except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError,
            http.client.RemoteDisconnected, http.client.IncompleteRead):
        return "cut", "connection closed without an answer", None
    except (OSError, http.client.HTTPException) as e:
        return "other", f"socket error {e.__class__.__name__}", None
    status = response.status
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
    if status == 201:
        try:
            receipt = json.loads(data)
            reference = receipt["reference"]
            if not reference or not receipt.get("passphrase"):
                raise ValueError("empty reference or passphrase")
        except (ValueError, KeyError, TypeError):
            return "other", "201 without a usable receipt", None
        return "acked", "201", (reference, body["category"], sha256(body["description"]))
    if status == 503:
        try:
            problem_type = json.loads(data).get("type", "?")
        except (ValueError, AttributeError):
            problem_type = "?"
        if content_type == "application/problem+json" and response.getheader("Retry-After"):
            return "refused", f"503 {problem_type.rsplit('/', 1)[-1]}", None
        return "other", f"503 without problem+json/Retry-After ({content_type or 'no type'})", None
    return "other", f"{status} {content_type}", None


def new_connection(timeout):
    return http.client.HTTPConnection(HOST, ARGS.port, timeout=timeout)


def load(args):
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    tally = Tally(args.acks, args.round)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)

    def client(index):
        rng = random.Random(seed * 1000 + index)
        connection = new_connection(args.timeout)
        while not stop.is_set():
            kind, label, ack = post_tip(connection, tip(rng))
            tally.add(kind, label, ack)
            if kind not in ("acked", "refused"):
                # Start over on a fresh connection; do not spin while tipline is down.
                connection.close()
                connection = new_connection(args.timeout)
                stop.wait(0.05)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + args.max_seconds
    while not stop.wait(0.2):
        if time.monotonic() > deadline:
            print("crash_clients.py: --max-seconds reached, stopping", file=sys.stderr)
            break
    stop.set()
    # A request in flight ends within the client timeout; do not wait longer than that.
    end = time.monotonic() + args.timeout + 2
    for t in threads:
        t.join(max(0.0, end - time.monotonic()))
    stuck = sum(t.is_alive() for t in threads)
    for _ in range(stuck):
        tally.add("other", "client thread still waiting at the end")
    tally.write(args.stats)


def probe(args):
    tally = Tally(args.acks, args.round)
    rng = random.Random()
    deadline = time.monotonic() + args.deadline
    ok = False
    while time.monotonic() < deadline:
        connection = new_connection(min(args.timeout, max(1.0, deadline - time.monotonic())))
        kind, label, ack = post_tip(connection, tip(rng))
        connection.close()
        tally.add(kind, label, ack)
        if kind == "acked":
            ok = True
            break
        time.sleep(0.25)
    tally.write(args.stats)
    sys.exit(0 if ok else 1)


def tally_files(args):
    counts = {kind: 0 for kind in Tally.KINDS}
    detail = {}
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            stats = json.load(f)
        for kind, n in stats["counts"].items():
            counts[kind] += n
        for kind, labels in stats["detail"].items():
            for label, n in labels.items():
                detail[f"{kind}: {label}"] = detail.get(f"{kind}: {label}", 0) + n
    shown = "; ".join(f"{label} x{n}" for label, n in sorted(detail.items()) if not label.startswith("acked"))
    print(" ".join(f"{kind}={counts[kind]}" for kind in Tally.KINDS) + " detail=" + shell_quote(shown))


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


# ---- reading everything back ----------------------------------------------------------------

def totp_code(uri):
    query = urllib.parse.parse_qs(urllib.parse.urlparse(uri.strip()).query)
    secret = query["secret"][0].upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def call(connection, method, path, token=None, body=None):
    headers = {"Accept": "application/json"}
    if body is not None:
        body = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, (json.loads(data) if data else None)


def verify(args):
    with open(args.password_file, encoding="utf-8") as f:
        password = f.read().rstrip("\n")
    with open(args.otpauth_file, encoding="utf-8") as f:
        uri = f.read()
    acked = {}
    duplicates = 0
    for path in args.acks:
        with open(path, encoding="utf-8") as f:
            for line in f:
                reference, category, digest, _round = line.rstrip("\n").split("\t")
                if reference in acked:
                    duplicates += 1
                acked[reference] = (category, digest)

    connection = http.client.HTTPConnection(HOST, args.port, timeout=120)
    token = None
    # A TOTP code works once per 30-second step: if the first try fails, wait for the next step.
    for attempt in range(2):
        status, body = call(connection, "POST", "/api/v1/review/session",
                            body={"username": args.username, "password": password, "totp": totp_code(uri)})
        if status == 200 and body and body.get("token"):
            token = body["token"]
            break
        print(f"crash_clients.py: login attempt {attempt + 1} answered {status}", file=sys.stderr)
        if attempt == 0:
            time.sleep(31 - time.time() % 30)
    if not token:
        sys.exit("crash_clients.py: could not log in")

    seen = {}  # reference -> (category, sha256 of description, problem)
    cursor = None
    max_pages = args.rows // PAGE_SIZE + 3  # bounded: the table's row count, read once beforehand
    started = time.monotonic()
    for _ in range(max_pages):
        path = f"/api/v1/review/tips/contents?size={PAGE_SIZE}&purpose={PURPOSE}"
        if cursor:
            path += "&cursor=" + urllib.parse.quote(cursor, safe="")
        status, page = call(connection, "GET", path, token)
        if status != 200:
            sys.exit(f"crash_clients.py: contents page answered {status}: {str(page)[:300]}")
        for item in page["items"]:
            summary = item["tip"]
            text = item.get("description")
            seen[summary["reference"]] = (summary["category"], sha256(text) if text is not None else None,
                                          item.get("problem"))
        if not page.get("more"):
            break
        cursor = page["nextCursor"]
        if time.monotonic() - started > 600:
            sys.exit("crash_clients.py: reading the tips back took over 10 minutes")
    else:
        sys.exit(f"crash_clients.py: still more pages after {max_pages}")
    call(connection, "DELETE", "/api/v1/review/session", token)

    found, missing, undecryptable, different = [], [], [], []
    for reference, (category, digest) in acked.items():
        got = seen.get(reference)
        if got is None:
            missing.append(reference)
        elif got[2] is not None or got[1] is None:
            undecryptable.append(f"{reference} ({got[2]})")
        elif got[0] != category or got[1] != digest:
            different.append(reference)
        else:
            found.append(reference)
    problems_anywhere = sum(1 for v in seen.values() if v[2] is not None)
    for name, refs in (("missing", missing), ("undecryptable", undecryptable), ("different", different)):
        for ref in refs[:10]:
            print(f"crash_clients.py: {name}: {ref}", file=sys.stderr)
    print(f"read={len(seen)} acked={len(acked)} found={len(found)} missing={len(missing)} "
          f"undecryptable={len(undecryptable)} different={len(different)} duplicates={duplicates} "
          f"problems_in_all_rows={problems_anywhere}")


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--timeout", type=float, default=15.0, help="seconds a request may take")
    p.add_argument("--max-seconds", type=float, default=300.0, help="stop by itself after this long")
    p.add_argument("--acks", required=True)
    p.add_argument("--stats", required=True)
    p.add_argument("--round", type=int, default=0)
    p.add_argument("--seed", type=int)
    p = sub.add_parser("probe")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--timeout", type=float, default=15.0)
    p.add_argument("--deadline", type=float, default=90.0, help="give up after this many seconds")
    p.add_argument("--acks", required=True)
    p.add_argument("--stats", required=True)
    p.add_argument("--round", type=int, default=0)
    p = sub.add_parser("tally")
    p.add_argument("files", nargs="*")
    p = sub.add_parser("verify")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--otpauth-file", required=True)
    p.add_argument("--rows", type=int, required=True, help="rows in the tip table (bounds the paging)")
    p.add_argument("acks", nargs="+")
    ARGS = parser.parse_args()
    {"load": load, "probe": probe, "tally": tally_files, "verify": verify}[ARGS.command](ARGS)


ARGS = None

if __name__ == "__main__":
    main()
