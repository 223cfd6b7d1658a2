TOKEN_RE = re.compile(r"ghp_[A-Za-z0-9]{36}")
SLACK_RE = r"xox[baprs]-([0-9a-zA-Z]{10,48})"
