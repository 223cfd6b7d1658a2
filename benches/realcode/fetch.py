#!/usr/bin/env python3
"""Builds the real-code precision corpus: downloads every package of packages.txt
from its registry (PyPI, npm, crates.io) and unpacks it into CORPUS/REGISTRY/NAME-VERSION.

    benches/realcode/fetch.py [CORPUS]      (default: benches/realcode/corpus)

Needs python3, pip and npm (for PyPI and npm), apt-get and dpkg-deb (for Debian
packages: Go, Ruby, PHP and Perl sources as Debian ships them; run `apt-get update`
first on a fresh machine), network access to the registries.
Packages already unpacked are kept; a failed download is named and the run fails.
"""
import concurrent.futures
import io
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile

HERE = pathlib.Path(__file__).resolve().parent


def packages():
    for line in (HERE / "packages.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            registry, name, version = line.split()
            yield registry, name, version


def safe_extract_tar(data: bytes, dest: pathlib.Path):
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        t.extractall(dest, filter="data")


def safe_extract_zip(path: pathlib.Path, dest: pathlib.Path):
    with zipfile.ZipFile(path) as z:
        for m in z.infolist():
            target = (dest / m.filename).resolve()
            if not str(target).startswith(str(dest.resolve())):
                raise ValueError(f"{path}: member {m.filename} escapes the directory")
        z.extractall(dest)


def fetch(corpus: pathlib.Path, registry: str, name: str, version: str) -> str:
    dest = corpus / registry / f"{name.replace('/', '__')}-{version}"
    if dest.exists():
        return f"kept {dest.relative_to(corpus)}"
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="realcode-"))
    part = dest.with_name(dest.name + ".part")
    if part.exists():
        subprocess.run(["rm", "-rf", str(part)], check=True)
    part.mkdir(parents=True)
    if registry == "pypi":
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
             f"{name}=={version}"],
            check=True,
        )
        (archive,) = list(tmp.iterdir())
        if archive.suffix == ".whl" or archive.suffix == ".zip":
            safe_extract_zip(archive, part)
        else:
            safe_extract_tar(archive.read_bytes(), part)
    elif registry == "npm":
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        (archive,) = list(tmp.iterdir())
        safe_extract_tar(archive.read_bytes(), part)
    elif registry == "crates":
        url = f"https://static.crates.io/crates/{name}/{name}-{version}.crate"
        with urllib.request.urlopen(url, timeout=120) as r:
            safe_extract_tar(r.read(), part)
    elif registry == "deb":
        subprocess.run(["apt-get", "download", "-q", f"{name}={version}"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        (archive,) = list(tmp.iterdir())
        subprocess.run(["dpkg-deb", "-x", str(archive), str(part)], check=True)
    else:
        raise ValueError(f"unknown registry {registry}")
    subprocess.run(["rm", "-rf", str(tmp)], check=True)
    part.rename(dest)
    return f"fetched {dest.relative_to(corpus)}"


def main():
    corpus = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else HERE / "corpus").resolve()
    corpus.mkdir(parents=True, exist_ok=True)
    failed = []
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        jobs = {pool.submit(fetch, corpus, *p): p for p in packages()}
        for job in concurrent.futures.as_completed(jobs):
            try:
                print(job.result(), flush=True)
            except Exception as e:  # noqa: BLE001 - every failure is named
                failed.append(f"{' '.join(jobs[job])}: {e}")
    files = sum(len(f) for _, _, f in os.walk(corpus))
    size = sum((pathlib.Path(d) / x).stat().st_size for d, _, fs in os.walk(corpus) for x in fs
               if not (pathlib.Path(d) / x).is_symlink())
    print(f"corpus: {corpus}: {files} files, {size / 2**20:.0f} MiB")
    for f in failed:
        print(f"failed: {f}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
