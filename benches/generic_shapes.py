#!/usr/bin/env python3
"""How many random passwords the generic rules drop, per file form.

Writes 300 random passwords (12 to 32 characters, Python's `secrets`) per form and
alphabet under secret names (`SVC<n>_PASSWORD`), scans them and prints the share of
values not reported. Forms: .env unquoted and quoted, YAML unquoted and quoted,
Java .properties, INI, Python. Alphabets: letters and digits; letters, digits and the
punctuation generated passwords use (`!#%^*~-_@+=.`) where the form can hold it.

    benches/generic_shapes.py [--bin BIN] [--n 300] [--seed-dir DIR]
"""
import argparse
import json
import pathlib
import secrets
import string
import subprocess
import tempfile

ALNUM = string.ascii_letters + string.digits
PUNCT = ALNUM + "!#%^*~-_@+=."


def password(alphabet: str) -> str:
    n = 12 + secrets.randbelow(21)
    # At least one letter and one digit, as password generators ensure.
    while True:
        v = "".join(secrets.choice(alphabet) for _ in range(n))
        if any(c.isalpha() for c in v) and any(c.isdigit() for c in v):
            return v


FORMS = {
    # name: (file name, line template)
    "env": (".env", "SVC{i}_PASSWORD={v}"),
    "env-quoted": ("quoted.env", 'SVC{i}_PASSWORD="{v}"'),
    "yaml": ("config.yaml", "svc{i}_password: {v}"),
    "yaml-quoted": ("quoted.yaml", 'svc{i}_password: "{v}"'),
    "properties": ("app.properties", "svc{i}.password={v}"),
    "ini": ("app.ini", "svc{i}_password = {v}"),
    "python": ("settings.py", 'SVC{i}_PASSWORD = "{v}"'),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/leakhound")
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="generic-shapes-") as tmp:
        root = pathlib.Path(tmp)
        planted = {}
        for alpha_name, alphabet in (("alnum", ALNUM), ("punct", PUNCT)):
            for form, (fname, tpl) in FORMS.items():
                d = root / alpha_name / form
                d.mkdir(parents=True)
                values = [password(alphabet) for _ in range(args.n)]
                if form == "yaml" and alpha_name == "punct":
                    # Unquoted YAML cannot start a value with these.
                    values = [v if v[0] not in "!#%*@~-" else "k" + v for v in values]
                lines = [tpl.format(i=i, v=v) for i, v in enumerate(values)]
                (d / fname).write_text("\n".join(lines) + "\n")
                planted[(alpha_name, form)] = values
        out = subprocess.run(
            [args.bin, "scan", "--no-ignore", "-q", "--show-secrets", "--format", "json", str(root)],
            capture_output=True,
            text=True,
        )
        found = {}
        for f in json.loads(out.stdout)["findings"]:
            for loc in f.get("locations", [f]):
                path = loc.get("path") or f.get("path", "")
                parts = pathlib.Path(path).parts
                key = (parts[-3], parts[-2]) if len(parts) >= 3 else None
                found.setdefault(key, set()).add(f.get("secret", ""))
        print(f"{'form':<14}{'alphabet':<10}{'dropped':>10}")
        total = dropped_all = 0
        for (alpha_name, form), values in planted.items():
            got = found.get((alpha_name, form), set())
            dropped = sum(1 for v in values if v not in got)
            total += len(values)
            dropped_all += dropped
            print(f"{form:<14}{alpha_name:<10}{100 * dropped / len(values):>9.1f}%")
        print(f"{'all':<24}{100 * dropped_all / total:>9.1f}%")


if __name__ == "__main__":
    main()
