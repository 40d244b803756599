#!/usr/bin/env python3
"""review.py: the HTTP client of the tipline review benchmark (bench/review.sh runs it).

Logs in as an office account with username, password and the current TOTP code
(RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, computed from the otpauth:// URI
that `reviewers add` printed), then times, one request at a time on one keep-alive
HTTP/1.1 connection to 127.0.0.1:

  list      GET /api/v1/review/tips?size=100&page=N                 (metadata only)
  single    GET /api/v1/review/tips/{reference}, 100 in a row        (decrypts one tip, one audit entry)
  contents  GET /api/v1/review/tips/contents?size=100&page=N         (decrypts 100 tips, 100 audit entries)

Each time runs from sending the request to having read the whole answer. Any answer
other than 200, or a page that does not hold the expected tips, stops the run with
exit status 1: timings of failed requests mean nothing.

Output on stdout, one line per measurement, for review.sh to read:
  ROW <label>\t<count>\t<median ms>\t<p95 ms>\t<max ms>
plus INFO lines and, last, "CPU <seconds>": the client's own CPU time.
p95 is the nearest-rank percentile: with 50 samples, the 48th smallest.

Usage: review.py --port P --username U --password-file F --otpauth-file F --tips N
                 [--reps 50] [--warmup 10] [--single-rounds 10] [--pages 0,500,999]
Only the standard library is used.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import math
import struct
import sys
import time
import urllib.parse

PAGE_SIZE = 100
PURPOSE = "benchmark"


def fail(message):
    print(f"review.py: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def totp_secret(uri):
    parsed = urllib.parse.urlparse(uri.strip())
    if parsed.scheme != "otpauth":
        fail("not an otpauth:// URI")
    query = urllib.parse.parse_qs(parsed.query)
    if query.get("algorithm", ["SHA1"])[0].upper() != "SHA1" or query.get("digits", ["6"])[0] != "6" \
            or query.get("period", ["30"])[0] != "30":
        fail("unexpected TOTP parameters (expected SHA1, 6 digits, 30 s)")
    secret = query["secret"][0].upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def totp_code(secret, step):
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def percentile(sorted_values, fraction):
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


class Client:
    def __init__(self, port):
        self.port = port
        self.token = None
        self.token_time = 0.0
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None):
        """(status, parsed JSON or raw bytes, seconds) for one request on the keep-alive connection."""
        headers = {"Accept": "application/json"}
        if body is not None:
            body = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as e:
            fail(f"{method} {path}: {e.__class__.__name__}: {e}")
        elapsed = time.perf_counter() - start
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data
        return response.status, parsed, elapsed

    def get_ok(self, path):
        if self.token and time.monotonic() - self.token_time > 600:
            self.refresh()  # tokens live 15 minutes by default; refreshed outside any timing
        status, body, elapsed = self.request("GET", path)
        if status != 200:
            fail(f"GET {path} answered {status}: {str(body)[:300]}")
        return body, elapsed

    def refresh(self):
        status, body, _ = self.request("POST", "/api/v1/review/session/refresh")
        if status != 200 or not isinstance(body, dict) or not body.get("token"):
            fail(f"token refresh answered {status}")
        self.token = body["token"]
        self.token_time = time.monotonic()

    def login(self, username, password, secret):
        # A code is accepted once per 30-second step. Try the current step; if that fails
        # (the step changed between computing and checking, or it was used already), wait
        # for the next step and try once more. Bounded: two attempts.
        for attempt in range(2):
            step = int(time.time()) // 30
            status, body, _ = self.request("POST", "/api/v1/review/session",
                                           {"username": username, "password": password,
                                            "totp": totp_code(secret, step)})
            if status == 200 and isinstance(body, dict) and body.get("token"):
                self.token = body["token"]
                self.token_time = time.monotonic()
                return body
            print(f"INFO login attempt {attempt + 1} answered {status}", flush=True)
            if attempt == 0:
                time.sleep(max(0.0, (step + 1) * 30 - time.time()) + 1)
        fail("login failed twice")


def list_path(page):
    return f"/api/v1/review/tips?size={PAGE_SIZE}&page={page}"


def contents_path(page):
    return f"/api/v1/review/tips/contents?size={PAGE_SIZE}&page={page}&purpose={PURPOSE}"


def check_list(body, page):
    items = body.get("items") if isinstance(body, dict) else None
    if not items or len(items) != PAGE_SIZE:
        fail(f"list page {page}: expected {PAGE_SIZE} tips, got {len(items) if items else 0}")
    return items


def check_contents(body, page):
    items = body.get("items") if isinstance(body, dict) else None
    if not items or len(items) != PAGE_SIZE:
        fail(f"contents page {page}: expected {PAGE_SIZE} tips, got {len(items) if items else 0}")
    if not all(item.get("description") for item in items):
        fail(f"contents page {page}: a tip without a description")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--otpauth-file", required=True)
    parser.add_argument("--tips", type=int, required=True, help="tips in the database")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--single-rounds", type=int, default=10)
    parser.add_argument("--pages", default="", help="comma list of page numbers; default: first, middle, last")
    args = parser.parse_args()

    last_page = args.tips // PAGE_SIZE - 1
    if last_page < 0:
        fail("fewer tips than one page")
    pages = [int(p) for p in args.pages.split(",") if p.strip()] if args.pages else \
        sorted({0, last_page // 2, last_page})
    if any(p < 0 or p > last_page for p in pages):
        fail(f"pages must be between 0 and {last_page}")

    with open(args.password_file, encoding="utf-8") as f:
        password = f.read().rstrip("\n")
    with open(args.otpauth_file, encoding="utf-8") as f:
        secret = totp_secret(f.read())

    client = Client(args.port)
    grant = client.login(args.username, password, secret)
    print(f"INFO logged in, roles {grant.get('roles')}, token expires {grant.get('expiresAt')}", flush=True)

    rows = []

    def row(label, seconds):
        values = sorted(s * 1000 for s in seconds)
        rows.append((label, len(values), statistics_median(values), percentile(values, 0.95), values[-1]))

    # ---- warm-up: JIT, connection pool, PostgreSQL's cache -------------------------------------
    started = time.perf_counter()
    warm_refs = [item["reference"] for item in check_list(client.get_ok(list_path(pages[0]))[0], pages[0])]
    for i in range(args.warmup):
        for page in pages:
            client.get_ok(list_path(page))
        client.get_ok(f"/api/v1/review/tips/{warm_refs[i % len(warm_refs)]}?purpose={PURPOSE}")
        check_contents(client.get_ok(contents_path(pages[i % len(pages)]))[0], pages[i % len(pages)])
    for ref in warm_refs:
        client.get_ok(f"/api/v1/review/tips/{ref}?purpose={PURPOSE}")
    print(f"INFO warm-up done in {time.perf_counter() - started:.1f} s", flush=True)

    # ---- a. listing, pages interleaved ---------------------------------------------------------
    started = time.perf_counter()
    list_times = {page: [] for page in pages}
    for _ in range(args.reps):
        for page in pages:
            body, elapsed = client.get_ok(list_path(page))
            check_list(body, page)
            list_times[page].append(elapsed)
    for page in pages:
        row(f"list page {page}", list_times[page])
    row("list, all pages above", [t for page in pages for t in list_times[page]])
    print(f"INFO listing done in {time.perf_counter() - started:.1f} s", flush=True)

    # ---- b. 100 single reads in a row, each round from another page ----------------------------
    started = time.perf_counter()
    per_tip, per_round = [], []
    rounds = max(1, args.single_rounds)
    for r in range(rounds):
        page = (last_page * r) // rounds
        refs = [item["reference"] for item in check_list(client.get_ok(list_path(page))[0], page)]
        round_start = time.perf_counter()
        for ref in refs:
            body, elapsed = client.get_ok(f"/api/v1/review/tips/{ref}?purpose={PURPOSE}")
            if not isinstance(body, dict) or not body.get("description") or body["tip"]["reference"] != ref:
                fail(f"single read of {ref}: not the decrypted tip")
            per_tip.append(elapsed)
        per_round.append(time.perf_counter() - round_start)
    row("single read, per tip", per_tip)
    row("100 single reads, total", per_round)
    print(f"INFO single reads done in {time.perf_counter() - started:.1f} s", flush=True)

    # ---- c. decrypted pages, pages interleaved -------------------------------------------------
    started = time.perf_counter()
    contents_times = {page: [] for page in pages}
    for _ in range(args.reps):
        for page in pages:
            body, elapsed = client.get_ok(contents_path(page))
            check_contents(body, page)
            contents_times[page].append(elapsed)
    for page in pages:
        row(f"contents page {page}", contents_times[page])
    row("contents, all pages above", [t for page in pages for t in contents_times[page]])
    print(f"INFO contents done in {time.perf_counter() - started:.1f} s", flush=True)

    # ---- d. the same pages reached by cursor (what a reader paging forward sends) ---------------
    started = time.perf_counter()
    cursors = {}
    for page in pages:
        if page == 0:
            continue
        body, _ = client.get_ok(list_path(page - 1))
        cursors[page] = body["nextCursor"]
    cursor_list = {page: [] for page in cursors}
    cursor_contents = {page: [] for page in cursors}
    for _ in range(args.reps):
        for page, cursor in cursors.items():
            body, elapsed = client.get_ok(f"/api/v1/review/tips?size={PAGE_SIZE}&cursor={cursor}")
            check_list(body, page)
            cursor_list[page].append(elapsed)
            body, elapsed = client.get_ok(
                f"/api/v1/review/tips/contents?size={PAGE_SIZE}&cursor={cursor}&purpose={PURPOSE}")
            check_contents(body, page)
            cursor_contents[page].append(elapsed)
    for page in cursors:
        row(f"list by cursor, page {page}", cursor_list[page])
        row(f"contents by cursor, page {page}", cursor_contents[page])
    print(f"INFO cursor pages done in {time.perf_counter() - started:.1f} s", flush=True)

    client.request("DELETE", "/api/v1/review/session")
    for label, count, median, p95, maximum in rows:
        print(f"ROW {label}\t{count}\t{median:.1f}\t{p95:.1f}\t{maximum:.1f}", flush=True)
    print(f"CPU {time.process_time():.2f}", flush=True)


def statistics_median(sorted_values):
    n = len(sorted_values)
    middle = n // 2
    return sorted_values[middle] if n % 2 else (sorted_values[middle - 1] + sorted_values[middle]) / 2


if __name__ == "__main__":
    main()
