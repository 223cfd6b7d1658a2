#!/usr/bin/env python3
"""How long `--verify` takes for many distinct secrets (issue 17, point 9).

Writes N distinct checksummed GitHub tokens (fake) into a temporary directory,
starts a local mock of GitHub's `/user` that answers after LATENCY ms (threaded,
so requests overlap), and times `leakhound scan --verify` with `github` mapped to
it. Also times the same scan without `--verify`.

    python3 benches/verify_speed.py [--bin target/release/leakhound] [-n 1000]
                                     [--latency-ms 50]
Needs Python 3 only.
"""

import argparse
import http.server
import json
import secrets
import string
import subprocess
import tempfile
import threading
import time
import zlib
from pathlib import Path

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def github_token() -> str:
    body = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(30))
    crc = zlib.crc32(body.encode())
    digits = ""
    while crc:
        digits = BASE62[crc % 62] + digits
        crc //= 62
    return "ghp_" + body + digits.rjust(6, "0")


def serve(latency: float) -> tuple:
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            seen.append(self.path)
            time.sleep(latency)
            body = json.dumps({"login": "bench"}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="target/release/leakhound")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--latency-ms", type=float, default=50)
    args = ap.parse_args()
    server, seen = serve(args.latency_ms / 1000)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        lines = [f"TOKEN_{i}={github_token()}" for i in range(args.n)]
        Path(tmp, "tokens.env").write_text("\n".join(lines) + "\n")
        base = [args.bin, "scan", "-q", "--exit-code", "0", "--format", "json", tmp]
        start = time.monotonic()
        subprocess.run(base, check=True, capture_output=True)
        plain = time.monotonic() - start
        start = time.monotonic()
        out = subprocess.run(
            base + ["--verify", "--verify-provider", f"github={url}"],
            check=True, capture_output=True,
        )
        verified = time.monotonic() - start
    findings = json.loads(out.stdout)["findings"]
    live = sum(1 for f in findings if f.get("verification", {}).get("status") == "verified")
    print(f"{args.n} distinct secrets, mock latency {args.latency_ms:.0f} ms")
    print(f"scan without --verify: {plain:.2f} s")
    print(f"scan with --verify:    {verified:.2f} s ({len(seen)} requests, {live} verified)")
    server.shutdown()
    return 0 if live == args.n == len(seen) else 1


if __name__ == "__main__":
    raise SystemExit(main())
