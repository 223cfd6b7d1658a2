import re
AWS_KEY_RE = re.compile(r"AKIA[0-9A-Z]{16}")
GITHUB_TOKEN_RE = re.compile(r"ghp_[A-Za-z0-9]{36}")
SLACK_RE = re.compile(r"xox[baprs]-[0-9A-Za-z-]{10,48}")
