//! Hostile and broken input: every case ends with a clear message and the right exit
//! code, no panic, and every readable file still scanned.

use super::*;

#[cfg(unix)]
#[test]
fn device_files_are_skipped_named_or_linked() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    d.write("a.txt", format!("t={}\n", github_token(0)));
    symlink("/dev/zero", d.path().join("zero")).unwrap();
    symlink("/dev/urandom", d.path().join("random")).unwrap();
    for args in [
        &[
            "scan",
            "-q",
            "--format",
            "json",
            "/dev/zero",
            "/dev/null",
            ".",
        ][..],
        &["scan", "-q", "--format", "json", "--follow", "."][..],
    ] {
        let o = d
            .cmd()
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let v = json_of(&o);
        assert_eq!(v["summary"]["files_scanned"], 1, "{args:?}");
        assert!(v["summary"]["files_skipped"]["special"].as_u64().unwrap() >= 2);
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_followed_only_when_asked() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    let outside = Dir::new();
    outside.write("deep/secret.txt", format!("t={}\n", github_token(1)));
    d.write("inside.txt", "nothing\n");
    symlink(outside.path(), d.path().join("elsewhere")).unwrap();
    std::fs::create_dir(d.path().join("loop")).unwrap();
    symlink(d.path(), d.path().join("loop/up")).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(0));
    let o = d
        .cmd()
        .args(["scan", "--format", "json", "-L"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let paths: Vec<Value> = locations(&json_of(&o))
        .iter()
        .map(|l| l["path"].clone())
        .collect();
    assert_eq!(paths, ["elsewhere/deep/secret.txt"]);
    // The loop is reported once as a warning naming it, and does not hang the walk.
    assert!(stderr(&o).contains("loop"), "{}", stderr(&o));
}

#[test]
fn empty_files_and_directories() {
    let d = Dir::new();
    d.write("empty.txt", "");
    d.write("sub/also-empty.py", "");
    std::fs::create_dir_all(d.path().join("nothing/here")).unwrap();
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_of(&o)["summary"]["files_scanned"], 2);
    let o = d.cmd().args(["scan", "-q", "nothing"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
}

#[test]
fn nul_bytes_utf16_without_bom_and_lone_carriage_returns() {
    let d = Dir::new();
    let tok = github_token(2);
    let text = format!("[auth]\r\ntoken = {tok}\r\n");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut be_bom = vec![0xFE, 0xFF];
    be_bom.extend(&be);
    d.write("le-nobom.ini", &le);
    d.write("be-nobom.ini", &be);
    d.write("be-bom.ini", &be_bom);
    d.write("old-mac.txt", format!("a = 1\rb = 2\rtoken = {tok}\r"));
    // Binary: a NUL among bytes that are not UTF-16 text.
    let mut blob = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    blob.extend(format!("{tok}\0").as_bytes());
    d.write("program", &blob);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert_orderly(&o);
    let v = json_of(&o);
    let mut got: Vec<(String, u64)> = locations(&v)
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().to_string(),
                l["line"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("be-bom.ini".to_string(), 2),
            ("be-nobom.ini".to_string(), 2),
            ("le-nobom.ini".to_string(), 2),
            // Lines are counted by LF: a file of lone CRs is one line.
            ("old-mac.txt".to_string(), 1),
        ]
    );
    assert_eq!(v["summary"]["files_skipped"]["binary"], 1);
}

#[test]
fn two_hundred_megabyte_line_is_named_when_skipped_and_scanned_when_allowed() {
    let d = Dir::new();
    let mut line = vec![b'x'; 200 << 20];
    let tok = format!(" t={} ", github_token(0));
    let at = line.len() - 100;
    line[at..at + tok.len()].copy_from_slice(tok.as_bytes());
    d.write("huge.txt", &line);
    drop(line);
    d.write("small.py", format!("t = '{}'\n", github_token(1)));
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("huge.txt: not scanned, 200.0 MiB is over the --max-file-size limit"),
        "{err}"
    );
    assert_eq!(json_of(&o)["summary"]["files_skipped"]["too_large"], 1);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--max-file-size", "256M"])
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    assert_orderly(&o);
    let paths: Vec<Value> = locations(&json_of(&o))
        .iter()
        .map(|l| l["path"].clone())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
}

#[test]
fn files_that_grow_or_shrink_while_scanned() {
    let d = Dir::new();
    d.write("stable.py", format!("t = '{}'\n", github_token(0)));
    let growing = d.write("growing.log", "");
    let shrinking = d.write("shrinking.log", vec![b'y'; 4 << 20]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&growing)
                .unwrap();
            let chunk = vec![b'z'; 64 << 10];
            let mut round = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                f.write_all(&chunk).unwrap();
                round += 1;
                if round.is_multiple_of(32) {
                    // Keep the file near the limit: truncate both, then grow again.
                    f.set_len(0).unwrap();
                    std::fs::write(&shrinking, b"").unwrap();
                    std::fs::write(&shrinking, vec![b'y'; 4 << 20]).unwrap();
                }
            }
        })
    };
    for _ in 0..5 {
        let o = d
            .cmd()
            .args(["scan", "-q", "--format", "json", "--max-file-size", "3M"])
            .output()
            .unwrap();
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let v = json_of(&o);
        assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
}

#[test]
fn a_hundred_thousand_files_in_one_directory() {
    let d = Dir::new();
    let dir = d.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..100_000 {
        std::fs::write(dir.join(format!("f{i:06}.txt")), b"x = 1\n").unwrap();
    }
    std::fs::write(dir.join("f050000.txt"), format!("t={}\n", github_token(0))).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["summary"]["files_scanned"], 100_000);
    assert_eq!(v["findings"][0]["path"], "many/f050000.txt");
}

#[cfg(unix)]
#[test]
fn hostile_file_names_are_escaped_in_text_and_valid_in_json_and_sarif() {
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new();
    let tok = github_token(0);
    let names: [&[u8]; 5] = [
        b"bad\xff\xfename.py",
        b"new\nline.py",
        b"esc\x1b[2J\x1b[31mred.py",
        b"bidi\xe2\x80\xaeyp.txt",
        b"tab\tand\rcr.py",
    ];
    for n in names {
        let p = d.path().join(std::ffi::OsStr::from_bytes(n));
        std::fs::write(p, format!("t = '{tok}'\n")).unwrap();
    }
    for format in ["text", "markdown"] {
        let o = d
            .cmd()
            .args(["scan", "--all-locations", "--format", format])
            .output()
            .unwrap();
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(1));
        let out = &o.stdout;
        assert!(!out.contains(&0x1b), "{format}: raw ESC in {}", stdout(&o));
        assert!(!out.contains(&b'\r'), "{format}: raw CR");
        let text = stdout(&o);
        assert!(
            !text.contains('\u{202e}'),
            "{format}: raw direction override"
        );
        assert!(text.contains("\\u{1b}[2J"), "{format}: {text}");
        assert!(
            !text.lines().any(|l| l == "line.py:1:6"),
            "{format}: newline not escaped"
        );
    }
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(locations(&v).len(), names.len());
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif"])
        .output()
        .unwrap();
    let doc = json_of(&o);
    validate_sarif(&doc);
    let uris: Vec<&str> = doc["runs"][0]["results"][0]["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .chain(
            doc["runs"][0]["results"][0]["locations"]
                .as_array()
                .unwrap(),
        )
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris.len(), names.len());
    for uri in uris {
        assert!(uri.bytes().all(|b| b.is_ascii_graphic()), "{uri}");
    }
}

#[test]
fn corrupt_pack_warns_for_the_blob_it_loses_and_scans_the_rest() {
    let repo = Repo::new();
    for (i, name) in ["a.py", "b.py", "c.py"].iter().enumerate() {
        // Incompressible filler so each blob's data spans many bytes of the pack.
        let filler: String = (0..400)
            .map(|j| format!("{:x}", (i * 7919 + j * 104_729) % 65_521))
            .collect();
        repo.write(
            name,
            format!("t = '{}'\n# {filler}\n", github_token(i as u32)),
        );
    }
    repo.commit("three files", "2022-01-01T00:00:00Z", "Ann");
    repo.git(&["gc", "-q"]);
    let blob = repo.git(&["rev-parse", "HEAD:b.py"]);
    let pack_dir = repo.path().join(".git/objects/pack");
    let pack = std::fs::read_dir(&pack_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pack"))
        .unwrap();
    let idx = pack.with_extension("idx");
    let listing = repo.git(&["verify-pack", "-v", idx.to_str().unwrap()]);
    // `<id> blob <size> <size-in-pack> <offset>`
    let line = listing.lines().find(|l| l.starts_with(&blob)).unwrap();
    let fields: Vec<usize> = line
        .split_whitespace()
        .skip(2)
        .take(3)
        .map(|f| f.parse().unwrap())
        .collect();
    let (in_pack, offset) = (fields[1], fields[2]);
    let mut bytes = std::fs::read(&pack).unwrap();
    for b in &mut bytes[offset + in_pack / 2..offset + in_pack / 2 + 16] {
        *b ^= 0x5a;
    }
    let mut perms = std::fs::metadata(&pack).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&pack, perms).unwrap();
    std::fs::write(&pack, bytes).unwrap();

    let o = repo.leakhound(&["git", "--format", "json"]);
    assert_orderly(&o);
    // An input that could not be read makes the scan incomplete: exit code 2.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("warning: b.py (blob {blob}): cannot read")),
        "{err}"
    );
    let v = json_of(&o);
    let mut paths: Vec<String> = locations(&v)
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["a.py", "c.py"]);
    assert_eq!(v["summary"]["unreadable"], 1);
}

#[test]
fn ten_thousand_branches_each_secret_once() {
    let repo = Repo::new();
    repo.write("README", "hello\n");
    let base = repo.commit("base", "2022-01-01T00:00:00Z", "Ann");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("conf.py", format!("t = '{}'\n", github_token(0)));
    let leak = repo.commit("leak", "2022-01-02T00:00:00Z", "Bob");
    repo.git(&["checkout", "-q", "main"]);
    let refs: String = (0..10_000)
        .map(|i| {
            format!(
                "create refs/heads/b{i:05} {}\n",
                if i % 2 == 0 { &base } else { &leak }
            )
        })
        .collect();
    let mut child = std::process::Command::new("git")
        .args(["update-ref", "--stdin"])
        .current_dir(repo.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(refs.as_bytes())
            .unwrap();
    }
    assert!(child.wait().unwrap().success());
    let o = repo.leakhound(&["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(locations(&v).len(), 1);
    assert_eq!(v["findings"][0]["commit"]["id"], leak.as_str());
}

#[test]
fn a_panic_while_scanning_one_file_is_an_error_for_that_file_only() {
    let d = Dir::new();
    d.write("boom.py", format!("t = '{}'\n", github_token(0)));
    d.write("fine.py", format!("t = '{}'\n", github_token(1)));
    let o = d
        .cmd()
        .env("LEAKHOUND_TEST_PANIC_ON", "boom")
        .env_remove("RUST_BACKTRACE")
        .args(["scan", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "leakhound: error: boom.py: internal error while scanning (injected test panic)"
        ),
        "{err}"
    );
    assert!(err.contains("1 failed (internal error)"), "{err}");
    let v = json_of(&o);
    assert_eq!(v["summary"]["failed"], 1);
    assert_eq!(v["findings"][0]["path"], "fine.py");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}
