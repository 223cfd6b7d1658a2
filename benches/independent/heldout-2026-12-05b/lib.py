"""Shared helpers: random values of realistic shape, valid checksummed tokens."""
import base64, binascii, json, os, secrets, string, subprocess, uuid, zlib

LOW = string.ascii_lowercase
UP = string.ascii_uppercase
DIG = string.digits
ALNUM = LOW + UP + DIG
B62 = DIG + UP + LOW
HEXA = "0123456789abcdef"
B64URL = ALNUM + "-_"
USED = set()


def rnd(alpha, n):
    while True:
        s = "".join(secrets.choice(alpha) for _ in range(n))
        if s not in USED:
            USED.add(s)
            return s


def hx(n):
    return rnd(HEXA, n)


def alnum(n):
    return rnd(ALNUM, n)


def b64(nbytes, url=False, pad=True):
    raw = secrets.token_bytes(nbytes)
    s = base64.urlsafe_b64encode(raw).decode() if url else base64.b64encode(raw).decode()
    return s if pad else s.rstrip("=")


def pw(n=16, special="!*-_.~^+", first_letter=True):
    """Punctuated password: letters, digits, at least two specials."""
    while True:
        body = [secrets.choice(ALNUM) for _ in range(n)]
        for _ in range(2 + secrets.randbelow(2)):
            body[1 + secrets.randbelow(n - 1)] = secrets.choice(special)
        if first_letter:
            body[0] = secrets.choice(LOW + UP)
        s = "".join(body)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and s not in USED:
            USED.add(s)
            return s


def uid():
    return str(uuid.uuid4())


def _b62(n, w=6):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(w, "0")


def gh(prefix="ghp_"):
    body = rnd(B62, 30)
    return prefix + body + _b62(zlib.crc32(body.encode()))


def npm():
    body = rnd(B62, 30)
    return "npm_" + body + _b62(zlib.crc32(body.encode()))


def github_pat():
    return "github_pat_11" + rnd(UP + DIG, 20) + "_" + rnd(ALNUM, 59)


def glpat():
    return "glpat-" + rnd(ALNUM + "-_", 20)


def slack(kind="xoxb"):
    if kind == "xoxp":  # user tokens: three numeric parts and 32 hex
        return f"xoxp-{rnd(DIG,11)}-{rnd(DIG,11)}-{rnd(DIG,13)}-{hx(32)}"
    return f"{kind}-{rnd(DIG,11)}-{rnd(DIG,13)}-{alnum(24)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{rnd(UP+DIG,10)}/B{rnd(UP+DIG,10)}/{alnum(24)}"


def slack_xapp():
    return f"xapp-1-A{rnd(UP+DIG,10)}-{rnd(DIG,13)}-{hx(64)}"


def stripe(kind="sk_live_"):
    return kind + "51" + alnum(97)


def openai():
    return "sk-proj-" + rnd(B64URL, 74) + "T3BlbkFJ" + rnd(B64URL, 74)


def anthropic():
    return "sk-ant-api03-" + rnd(B64URL, 93) + "AA"


def akia():
    return "AKIA" + rnd(UP + "234567", 16)


def aws_secret():
    return rnd(ALNUM + "+/", 40)


def gapi():
    return "AIza" + rnd(ALNUM + "-_", 35)


def sendgrid():
    return "SG." + rnd(B64URL, 22) + "." + rnd(B64URL, 43)


def shopify():
    return "shpat_" + hx(32)


def hf():
    return "hf_" + rnd(LOW + UP, 34)


def dop():
    return "dop_v1_" + hx(64)


def dapi():
    return "dapi" + hx(32)


def pmak():
    return "PMAK-" + hx(24) + "-" + hx(34)


def linear():
    return "lin_api_" + alnum(40)


def nrak():
    return "NRAK-" + rnd(UP + DIG, 27)


def hvs():
    return "hvs.CAESI" + rnd(B64URL, 86)


def whsec():
    return "whsec_" + alnum(32)


def groq():
    return "gsk_" + alnum(52)


def pypi():
    # macaroon v2: version 2, location "pypi.org", identifier, EOS, caveat, EOS, signature
    def field(t, data):
        return bytes([t, len(data)]) + data
    ident = secrets.token_bytes(32)
    ident = b"\x02" + secrets.token_bytes(15) + uuid.uuid4().hex.encode()[:16]
    cav = json.dumps({"version": 1, "permissions": "user"}, separators=(",", ":")).encode()
    blob = (b"\x02" + field(1, b"pypi.org") + field(2, ident) + b"\x00"
            + field(2, cav) + b"\x00" + b"\x00" + field(6, secrets.token_bytes(32)))
    return "pypi-" + base64.urlsafe_b64encode(blob).decode().rstrip("=")


def jira_pat():
    raw = rnd(DIG, 12).encode() + b":" + secrets.token_bytes(20)
    return base64.b64encode(raw).decode()


def azdo_pat():
    return rnd(LOW + "234567", 52)


def okta():
    return "00" + rnd(ALNUM + "-_", 40)


def django_key():
    return rnd(LOW + DIG + "!@#%^&*(-_=+)", 50)


def pem(kind="rsa"):
    if kind == "rsa":
        out = subprocess.run(["openssl", "genrsa", "2048"], capture_output=True, text=True).stdout
        # traditional header for variety
        out = subprocess.run(["openssl", "rsa", "-traditional"], input=out, capture_output=True, text=True).stdout
    elif kind == "pkcs8":
        out = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                             capture_output=True, text=True).stdout
    elif kind == "ec":
        out = subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout"],
                             capture_output=True, text=True).stdout
    elif kind == "ed25519-openssh":
        d = "/tmp/_r17k"
        subprocess.run(["rm", "-f", d, d + ".pub"])
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", d, "-C", "deploy@ci"], check=True)
        out = open(d).read()
    return out.strip()


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def hexs(s):
    return binascii.hexlify(s.encode()).decode()
