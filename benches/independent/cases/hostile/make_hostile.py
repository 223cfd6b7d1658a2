#!/usr/bin/env python3
"""Writes the hostile inputs used by the adversary (big files are generated, not kept).
usage: python3 make_hostile.py DIR ; then: for f in DIR/*; do timeout 20 leakhound scan --no-ignore -q --format json "$f"; done"""
import os, sys, base64, secrets, string
d = sys.argv[1]; os.makedirs(d, exist_ok=True)
A62 = string.ascii_letters + string.digits
def w(n, b): open(os.path.join(d, n), 'wb').write(b)
# SLOW: one base64 line over 4 MiB (4.1 MB: 0.24 s; 4.3 MB: 0.47 s; 6 MB: 11.8 s; 8 MB: 24 s; 9.9 MB: 29 s)
w('slow_b64_line_8MB.txt', base64.b64encode(os.urandom(6_000_000)) + b'\n')
w('slow_alnum_line_6MB.txt', base64.b64encode(os.urandom(4_500_000)).replace(b'+', b'a').replace(b'/', b'b').replace(b'=', b'c') + b'\n')
# SLOW: ~4.5 ms per generic finding (1000 lines: 4.5 s, 8000 lines: 34 s; 8000 checksum tokens: 0.34 s)
w('slow_8000_passwords.env', ''.join(f'SVC{i}_PASSWORD=' + ''.join(secrets.choice(A62) for _ in range(16)) + '\n' for i in range(8000)).encode())
w('slow_pw_line.txt', b'password=Rk7q2ZxLm9PwT4vN;' * 300000 + b'\n')
# fine (all < 2.2 s, no panic)
w('longline.txt', b'password="' + b'a' * 5_000_000 + b'"\n')
w('deepjson.json', b'[' * 200000 + b']' * 200000)
w('manyat.txt', b'DATABASE_URL=postgres://u:' + b'p@' * 200000 + b'host/db\n')
w('unterminated.py', b'password = "' + b'Zq8kd9mPx2' * 300000 + b'\n' + b"token = '" * 100000 + b'\n')
w('invalid_utf8.txt', b'DB_PASSWORD=Rk7q2\xff\xfeZxLm9PwT4vN\n\xc3\x28 token = "\xe2\x82" 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\n')
# EVASION: one NUL byte anywhere early makes the whole file "binary" and unscanned
w('nul_hides_secret.py', b'GITHUB_TOKEN = "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"  # \x00\n')
